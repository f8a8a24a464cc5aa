using Microsoft.AspNetCore.Hosting.Server;
using QdnConsole.Features.Simulator;

namespace QdnConsole.Features.TestCalls;

/// <summary>How a test call reaches this app's own webhooks: an HTTP client whose base address is the app itself.</summary>
public interface ISimulatorTransport
{
    HttpClient CreateClient();
}

/// <summary>
/// Calls the app over loopback HTTP at an address its server listens on, so a test call goes through the real
/// pipeline (signature filter, handlers, database, live feed) exactly as Twilio's requests do.
/// </summary>
public sealed class LoopbackSimulatorTransport(IServer server) : ISimulatorTransport
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public HttpClient CreateClient() => new()
    {
        BaseAddress = LoopbackAddress.Of(server)
            ?? throw new InvalidOperationException("The app listens on no HTTP socket it can call itself on."),
        Timeout = RequestTimeout,
    };
}
