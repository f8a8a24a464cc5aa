namespace QdnConsole.Features.TwilioCli;

/// <summary><c>twilio configure --line &lt;id&gt; [--public-url &lt;url&gt;] [--dry-run]</c>, parsed and checked.</summary>
public sealed record ConfigureArguments(string LineId, string? PublicUrl, bool DryRun)
{
    public const string Usage =
        """
        Usage: dotnet run --project QdnConsole -- twilio configure --line <line id> [--public-url <https://host>] [--dry-run]

        Points the line's Twilio number at this app: Voice URL /twilio/inbound-call, fallback URL /twilio/fallback and
        status callback /twilio/call-status, all POST. An administrative operation: it uses the ACCOUNT credentials
        (TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN), never the API key. --public-url defaults to Qdn:PublicBaseUrl.
        --dry-run shows the change without making it. Exit codes: 0 done, 1 failed, 2 bad arguments.
        """;

    /// <summary>The arguments after "configure"; null with the problem when they do not make sense.</summary>
    public static (ConfigureArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? line = null, url = null;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            switch (name)
            {
                case "--dry-run" when inline is null:
                    dryRun = true;
                    break;
                case "--line" or "--public-url":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value) || value.StartsWith("--", StringComparison.Ordinal))
                    {
                        return (null, $"{name} needs a value.");
                    }

                    if (name == "--line")
                    {
                        line = value.Trim();
                    }
                    else
                    {
                        url = value.Trim();
                    }

                    break;
                default:
                    return (null, $"Unknown argument '{args[i]}'.");
            }
        }

        if (line is null)
        {
            return (null, "--line is required (the line's id, e.g. --line qdn).");
        }

        if (url is not null && PublicUrlProblem(url) is { } problem)
        {
            return (null, problem);
        }

        return (new ConfigureArguments(line, url?.TrimEnd('/'), dryRun), null);
    }

    /// <summary>Twilio needs an absolute URL; query or fragment would end up inside every webhook URL.</summary>
    public static string? PublicUrlProblem(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : $"--public-url must be the app's public address, absolute http(s) without query, e.g. https://qdn.example.org (got '{url}').";
}
