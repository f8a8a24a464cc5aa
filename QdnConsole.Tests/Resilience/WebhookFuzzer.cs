using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Resilience;

/// <summary>One fuzzed webhook request: where it goes and the form it carries (the client signs it).</summary>
public sealed record FuzzedRequest(string Url, Dictionary<string, string> Form)
{
    /// <summary>Short enough for a failure message: URL, field names and value lengths.</summary>
    public override string ToString() =>
        $"{(Url.Length > 200 ? Url[..200] + "…" : Url)} [{string.Join(", ", Form.Select(f => $"{(f.Key.Length > 40 ? f.Key[..40] + "…" : f.Key)}({f.Value.Length})"))}]";
}

/// <summary>
/// Signed-but-strange Twilio requests from a seeded generator, so a failure reproduces: every /twilio endpoint,
/// odd query strings, fields missing, oversized, or full of unicode (emoji, RTL, NUL, surrogate pairs, combining
/// marks). CallSids come mostly from a small pool so that requests land on calls earlier ones created.
/// </summary>
public sealed class WebhookFuzzer(int seed)
{
    private static readonly string[] Endpoints =
        ["inbound-call", "dial-result", "screen", "screen-result", "leg-status", "voicemail", "call-status", "fallback"];

    private static readonly string[] Fields =
    [
        "CallSid", "From", "To", "Called", "Caller", "CallStatus", "CallerName", "ParentCallSid", "DialCallSid", "DialCallStatus",
        "DialBridged", "DialCallDuration", "Digits", "RecordingUrl", "RecordingSid", "RecordingDuration", "CallDuration",
        "ErrorCode", "ErrorUrl", "AccountSid", "Direction", "QdnTest",
    ];

    private static readonly string[] Words =
    [
        "", " ", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled", "true", "false", "1", "0", "-1",
        "abc", "2147483648", "99999999999999999999", "1e3", "NaN", " 7 ", "qdn", "nope", "QDN", "NoAnswer", "garbage", "SystemTrouble",
        "+18585550100", "+18585550101", "+18583354807", "client:anonymous", "<Response><Hangup/></Response>", "]]>", "&amp;", "\"'<>&",
        "/twilio/dial-result?line=qdn&step=1", "https://example.com/twilio/screen?step=x&call=", "%00", "%zz",
    ];

    private static readonly string[] Unicode =
    [
        "😀", "👨‍👩‍👧‍👦", "🇺🇸", "𝄞", "\u202Eمرحبا", "שלום", "\u200F", "\u0000", "e\u0301\u0308\u0327", "Z\u0351\u0352\u0353",
        "\uFEFF", "\u2028", "ß", "İ", "ﷺ", "\t", "\r\n", "\u0007", "\uFFFD", "日本語",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _pool = [.. Enumerable.Range(0, 24).Select(i => $"CAfuzz{seed:x8}{i:x18}")];

    public IEnumerable<FuzzedRequest> Requests(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private FuzzedRequest Next()
    {
        var url = $"/twilio/{Pick(Endpoints)}{Query()}";
        var form = Chance(0.7) ? TwilioWebhookClient.CallParameters(Pick(_pool), Pick(Words)) : [];
        foreach (var field in Fields)
        {
            if (Chance(0.3))
            {
                form.Remove(field);
            }
            else if (Chance(0.35))
            {
                form[field] = Value(field);
            }
        }

        for (var extra = _random.Next(3); extra > 0; extra--)
        {
            form[Chance(0.5) ? Pick(Fields) : Mixed(1 + _random.Next(30))] = Value(null);
        }

        return new FuzzedRequest(url, form);
    }

    private string Query()
    {
        var parts = new List<string>();
        foreach (var key in new[] { "line", "step", "reason", "call" })
        {
            if (Chance(0.6))
            {
                parts.Add($"{key}={Uri.EscapeDataString(key == "call" && Chance(0.5) ? Pick(_pool) : Short())}");
            }
        }

        if (Chance(0.1))
        {
            parts.Add($"{Uri.EscapeDataString(Mixed(8))}={Uri.EscapeDataString(Short())}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts.OrderBy(_ => _random.Next()));
    }

    /// <summary>A field value: mostly plausible, sometimes huge (100 kB), sometimes unicode soup.</summary>
    private string Value(string? field) => _random.Next(10) switch
    {
        0 => Mixed(100_000),
        1 or 2 => Mixed(1 + _random.Next(200)),
        3 => Pick(_pool) + Pick(Unicode),
        4 when field is "CallSid" or "ParentCallSid" => "CA" + Convert.ToHexStringLower(_random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 16)),
        5 or 6 when field is "CallSid" or "ParentCallSid" => Pick(_pool),
        _ => Short(),
    };

    private string Short() => Chance(0.7) ? Pick(Words) : Mixed(1 + _random.Next(12));

    /// <summary>Words and unicode pieces run together; pieces are whole, so surrogate pairs stay pairs.</summary>
    private string Mixed(int length)
    {
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Chance(0.5) ? Pick(Unicode) : Pick(Words));
        }

        return text.ToString();
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private bool Chance(double probability) => _random.NextDouble() < probability;
}
