using QdnConsole.Features.TestCalls;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>Which of the server's addresses a test call uses to reach the app itself.</summary>
public sealed class LoopbackSimulatorTransportTests
{
    [Theory]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("https://localhost:5001|http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://10.0.0.5:80|http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("https://[::]:443", "https://localhost/")]
    [InlineData("http://localhost:5000/console", "http://localhost:5000/console/")]
    [InlineData("http://unix:/run/qdn.sock|http://10.0.0.5:80", "http://10.0.0.5/")]
    public void PickBaseAddress_ServerAddresses_PrefersHttpLoopback(string addresses, string expected)
    {
        Assert.Equal(new Uri(expected), LoopbackSimulatorTransport.PickBaseAddress(addresses.Split('|')));
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://unix:/run/qdn.sock")]
    public void PickBaseAddress_NoHttpAddress_Null(string addresses)
    {
        Assert.Null(LoopbackSimulatorTransport.PickBaseAddress(addresses.Split('|', StringSplitOptions.RemoveEmptyEntries)));
    }
}
