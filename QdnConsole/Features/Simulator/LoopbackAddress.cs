using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace QdnConsole.Features.Simulator;

/// <summary>
/// The app's own address over loopback, for a simulator client started from inside the app (the console's test
/// pages). Kestrel reports what it bound, often a wildcard (http://+:8080, http://[::]:8080); those become 127.0.0.1.
/// </summary>
public static class LoopbackAddress
{
    /// <summary>The running server's loopback base URL, or null when it listens on no socket (e.g. a test server).</summary>
    public static Uri? Of(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return From(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
    }

    /// <summary>Plain http is preferred: a certificate is never issued for 127.0.0.1.</summary>
    public static Uri? From(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var candidates = addresses.Select(Loopback).OfType<Uri>().ToList();
        return candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp) ?? candidates.FirstOrDefault();
    }

    private static Uri? Loopback(string address)
    {
        // "+" and "*" are not valid hosts for Uri: swap them before parsing.
        var normalized = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "localhost" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }
}
