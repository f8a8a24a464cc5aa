using Microsoft.Extensions.Options;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>Options that never change, for constructing a service without a host.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
