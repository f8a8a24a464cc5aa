using QdnConsole.Features.Simulator;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>The console's simulator client reaches the app over loopback, whatever address Kestrel bound.</summary>
public sealed class LoopbackAddressTests
{
    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:80", "http://127.0.0.1/")]
    [InlineData("http://localhost:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("http://[::1]:41234", "http://[::1]:41234/")]
    public void From_BoundAddress_BecomesLoopback(string bound, string expected)
    {
        Assert.Equal(expected, LoopbackAddress.From([bound])?.AbsoluteUri);
    }

    [Fact]
    public void From_HttpsAndHttp_PrefersHttp()
    {
        Assert.Equal("http://127.0.0.1:8080/", LoopbackAddress.From(["https://+:8443", "http://+:8080"])?.AbsoluteUri);
    }

    [Fact]
    public void From_NoSocket_IsNull()
    {
        Assert.Null(LoopbackAddress.From([]));
    }
}
