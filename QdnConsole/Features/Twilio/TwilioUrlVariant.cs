namespace QdnConsole.Features.Twilio;

/// <summary>
/// URL rewrites that Twilio applies before signing. Done on the string (not through
/// <see cref="Uri"/>), so scheme/host case, credentials, percent-encoding and the query
/// stay byte-exact, as the SDKs preserve them.
/// </summary>
internal static class TwilioUrlVariant
{
    /// <summary>Connection-override fragments (<c>#rc=…</c>) are never part of the signed URL.</summary>
    public static string WithoutFragment(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? url : url[..hash];
    }

    /// <summary>
    /// The C# SDK's GetUriVariation: with a port → without it (Twilio drops the port of
    /// HTTPS voice callbacks); without one → with the scheme's default port. Null when the
    /// URL has no authority to rewrite.
    /// </summary>
    public static string? PortVariation(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        // Credentials come before the last '@' of the authority and may contain ':'.
        var hostStart = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        if (hostStart == 0)
        {
            hostStart = authorityStart;
        }

        var colon = PortColon(url, hostStart, authorityEnd);
        if (colon >= 0)
        {
            return string.Concat(url.AsSpan(0, colon), url.AsSpan(authorityEnd));
        }

        var defaultPort = DefaultPort(url[..schemeEnd]);
        return defaultPort is null || hostStart == authorityEnd
            ? null
            : string.Concat(url.AsSpan(0, authorityEnd), ":", defaultPort, url.AsSpan(authorityEnd));
    }

    // The ':' that starts the port, skipping the colons inside an IPv6 literal "[::1]".
    private static int PortColon(string url, int hostStart, int authorityEnd)
    {
        var searchFrom = hostStart;
        if (hostStart < authorityEnd && url[hostStart] == '[')
        {
            var close = url.IndexOf(']', hostStart, authorityEnd - hostStart);
            if (close < 0)
            {
                return -1;
            }

            searchFrom = close;
        }

        return url.IndexOf(':', searchFrom, authorityEnd - searchFrom);
    }

    private static string? DefaultPort(string scheme) => scheme.ToUpperInvariant() switch
    {
        "HTTPS" or "WSS" => "443",
        "HTTP" or "WS" => "80",
        _ => null,
    };
}
