namespace QdnConsole.Features.Simulator;

/// <summary>One line per verb for a transcript: what the caller (or the dialed phone) would get.</summary>
public static class TwimlText
{
    private const int MaxText = 90;

    public static string Describe(TwimlVerb verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        return verb.Name switch
        {
            "Say" => $"Say '{Clip(verb.Text)}'",
            "Play" => $"Play {verb.Text}",
            "Pause" => $"Pause {verb.Attr("length") ?? "1"} s",
            "Dial" => $"Dial {Dialed(verb)} ({verb.Attr("timeout") ?? "30"} s{(verb.Children.Any(n => n.Attr("url") is not null) ? ", screened" : string.Empty)})",
            "Gather" => verb.Children.FirstOrDefault(c => c.Name == "Say") is { } prompt
                ? $"Gather {verb.Attr("numDigits") ?? "any"} digit(s): '{Clip(prompt.Text)}'"
                : $"Gather {verb.Attr("numDigits") ?? "any"} digit(s)",
            "Record" => $"Record (max {verb.Attr("maxLength") ?? "3600"} s)",
            "Redirect" => $"Redirect {verb.Text}",
            "Reject" => $"Reject ({verb.Attr("reason") ?? "rejected"})",
            _ => verb.Name,
        };
    }

    private static string Dialed(TwimlVerb dial) =>
        dial.Children.Count == 0 ? dial.Text : string.Join(" + ", dial.Children.Select(n => n.Text.Length > 0 ? n.Text : n.Name));

    private static string Clip(string text) => text.Length <= MaxText ? text : string.Concat(text.AsSpan(0, MaxText - 1), "…");
}
