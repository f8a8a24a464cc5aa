using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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

    public HttpClient CreateClient()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseAddress = PickBaseAddress(addresses)
            ?? throw new InvalidOperationException(
                $"The app listens on no HTTP address it can call itself on (addresses: {string.Join(", ", addresses)}).");
        return new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeout };
    }

    /// <summary>
    /// The best address to call ourselves on: http before https (no certificate to trust), loopback before a
    /// wildcard binding (reached through loopback) before a specific interface. Null when there is none.
    /// </summary>
    public static Uri? PickBaseAddress(IEnumerable<string> addresses) => addresses
        .Select(Candidate)
        .Where(c => c.Uri is not null)
        .OrderBy(c => c.Rank)
        .Select(c => c.Uri)
        .FirstOrDefault();

    private static (Uri? Uri, int Rank) Candidate(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return (null, 0);
        }

        var https = string.Equals(binding.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        if (binding.IsUnixPipe || binding.IsNamedPipe || (!https && !string.Equals(binding.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, 0);
        }

        var (host, reach) = Reach(binding.Host, https);
        var builder = new UriBuilder(binding.Scheme, host, binding.Port, binding.PathBase.TrimEnd('/') + "/");
        return (builder.Uri, (https ? 3 : 0) + reach);
    }

    /// <summary>The host to connect to and how directly it reaches us: 0 loopback, 1 wildcard, 2 another interface.</summary>
    private static (string Host, int Reach) Reach(string host, bool https)
    {
        var bare = host.Trim('[', ']');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return (host, 0);
        }

        var ip = IPAddress.TryParse(bare, out var parsed) ? parsed : null;
        if (host is "*" or "+" || IPAddress.Any.Equals(ip) || IPAddress.IPv6Any.Equals(ip))
        {
            // Bound to every interface: loopback is one of them. https needs the name its certificate carries.
            return (https ? "localhost" : IPAddress.IPv6Any.Equals(ip) ? "[::1]" : "127.0.0.1", 1);
        }

        return ip is not null && IPAddress.IsLoopback(ip) ? (host, 0) : (host, 2);
    }
}
