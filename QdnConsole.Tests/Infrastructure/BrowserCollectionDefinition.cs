namespace QdnConsole.Tests.Infrastructure;

/// <summary>Browser test classes join this collection to share one chromium; its tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
