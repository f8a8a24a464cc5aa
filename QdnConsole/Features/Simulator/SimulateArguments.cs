using QdnConsole.Features.Lines;

namespace QdnConsole.Features.Simulator;

/// <summary>The simulate command's options: <c>--line qdn --outcomes no-answer,busy [--from +1…] [--url http://…] [--no-message]</c>.</summary>
public sealed record SimulateArguments(string? Line, IReadOnlyList<DialChoice> Choices, string From, Uri? Url, bool LeaveMessage, bool Help)
{
    public const string DefaultFrom = "+16195550199";

    public const string Usage = """
        Usage: dotnet run --project QdnConsole -- simulate [--line <id>] [--outcomes <list>] [--from <E.164>] [--url <base URL>] [--no-message]
          --line        line id to call (default: the first line)
          --outcomes    what each dialed phone does, in dial order (default: no-answer for every phone)
          --from        caller's number (default +16195550199)
          --url         a running instance to call (default: start the app in-process on a free loopback port)
          --no-message  the caller hangs up at the voicemail beep instead of leaving a message
        Exit code: 0 person or voicemail (or a deliberate caller hang-up), 1 lost or failed, 2 bad arguments.
        """;

    /// <summary>The words accepted in --outcomes.</summary>
    public static IReadOnlyDictionary<string, DialChoice> OutcomeWords { get; } = new Dictionary<string, DialChoice>(StringComparer.OrdinalIgnoreCase)
    {
        ["answered"] = DialChoice.Answered,
        ["busy"] = DialChoice.Busy,
        ["no-answer"] = DialChoice.NoAnswer,
        ["failed"] = DialChoice.Failed,
        ["canceled"] = DialChoice.Canceled,
        ["hangup"] = DialChoice.CallerHangsUp,
        ["voicemail-picks-up"] = DialChoice.VoicemailPicksUp,
        ["screen-accept"] = DialChoice.ScreenAccept,
        ["screen-reject"] = DialChoice.ScreenReject,
    };

    /// <summary>The parsed options, or the reason they are not usable.</summary>
    public static (SimulateArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            switch (name)
            {
                case "--help" or "-h" or "--no-message":
                    flags.Add(name);
                    break;
                case "--line" or "--outcomes" or "--from" or "--url":
                    var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return (null, $"{name} needs a value.");
                    }

                    values[name] = value.Trim();
                    break;
                default:
                    return (null, $"Unknown argument '{args[i]}'.");
            }
        }

        var choices = new List<DialChoice>();
        foreach (var word in values.GetValueOrDefault("--outcomes", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!OutcomeWords.TryGetValue(word, out var choice))
            {
                return (null, $"Unknown outcome '{word}'. Valid outcomes: {string.Join(", ", OutcomeWords.Keys)}.");
            }

            choices.Add(choice);
        }

        var from = values.GetValueOrDefault("--from", DefaultFrom);
        if (!QdnOptionsValidator.IsE164(from))
        {
            return (null, $"--from '{from}' is not an E.164 number (e.g. {DefaultFrom}).");
        }

        Uri? url = null;
        if (values.TryGetValue("--url", out var text)
            && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            return (null, $"--url '{text}' is not an http(s) URL (e.g. http://localhost:5080).");
        }

        return (new SimulateArguments(values.GetValueOrDefault("--line"), choices, from, url, !flags.Contains("--no-message"),
            flags.Contains("--help") || flags.Contains("-h")), null);
    }
}
