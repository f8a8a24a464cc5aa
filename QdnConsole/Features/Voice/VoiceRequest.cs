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
        var value = form[key].ToString().Trim();
        return value.Length == 0 ? null : value.Length <= max ? value : value[..max];
    }

    private static int? Number(IFormCollection form, string key) =>
        int.TryParse(form[key].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
}
