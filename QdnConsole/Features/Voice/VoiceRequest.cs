using System.Globalization;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.Voice;

/// <summary>
/// The fields of a Twilio voice webhook we use. Every field is optional on the wire (twilio-aspnet #156);
/// values are clipped to what the store holds so an oversized field can never fail a call.
/// </summary>
public sealed record VoiceRequest(
    string? CallSid,
    string? From,
    string? To,
    string? CallStatus,
    string? CallerName,
    string? ParentCallSid,
    string? DialCallStatus,
    string? DialBridged,
    int? DialCallDuration,
    string? Digits,
    string? RecordingUrl,
    string? RecordingSid,
    int? RecordingDuration,
    int? CallDuration,
    string? ErrorCode,
    string? ErrorUrl)
{
    public static VoiceRequest Parse(IFormCollection form) => new(
        Clip(form, "CallSid", 64),
        Clip(form, "From", 64),
        Clip(form, "To", 64),
        Clip(form, "CallStatus", 32),
        Clip(form, "CallerName", 128),
        Clip(form, "ParentCallSid", 64),
        Clip(form, "DialCallStatus", 32),
        Clip(form, "DialBridged", 8),
        Number(form, "DialCallDuration"),
        Clip(form, "Digits", 32),
        Clip(form, "RecordingUrl", 500),
        Clip(form, "RecordingSid", 64),
        Number(form, "RecordingDuration"),
        Number(form, "CallDuration"),
        Clip(form, "ErrorCode", 16),
        Clip(form, "ErrorUrl", 1000))
    {
        IsTest = string.Equals(form[LocalSigningToken.TestCallField], "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>A simulated call (QdnTest=true in the signed form): stored as a test call.</summary>
    public bool IsTest { get; init; }

    /// <summary>The caller's number, or a placeholder Twilio-style for withheld callers.</summary>
    public string Caller => string.IsNullOrWhiteSpace(From) ? "unknown" : From;

    private static string? Clip(IFormCollection form, string key, int max)
    {
        var value = XmlSafe(form[key].ToString()).Trim();
        if (value.Length > max)
        {
            // Never cut a surrogate pair in half: half a character is not text XML (or the database) can hold.
            value = value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
        }

        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// Drops characters XML cannot carry (control characters, lone surrogates): values end up in TwiML (the caller's
    /// number is spoken, the CallSid is in every URL) and one such character would make the answer unwritable.
    /// </summary>
    public static string XmlSafe(string value)
    {
        var firstBad = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (!XmlChar(value, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return value;
        }

        var kept = new System.Text.StringBuilder(value.Length).Append(value, 0, firstBad);
        for (var i = firstBad; i < value.Length; i++)
        {
            if (XmlChar(value, i, out var width))
            {
                kept.Append(value, i, width);
                i += width - 1;
            }
        }

        return kept.ToString();
    }

    private static bool XmlChar(string value, int i, out int width)
    {
        width = 1;
        if (char.IsHighSurrogate(value[i]))
        {
            if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                width = 2;
                return true;
            }

            return false;
        }

        return System.Xml.XmlConvert.IsXmlChar(value[i]);
    }

    private static int? Number(IFormCollection form, string key) =>
        int.TryParse(form[key].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
}
