using System.Globalization;
using System.Text.Json;

namespace QdnConsole.Features.TwilioApi;

/// <summary>A call as Twilio's Calls API reports it (the fields the console uses; times are RFC 2822 strings on the wire).</summary>
public sealed record TwilioCall(
    string Sid,
    string Status,
    string? From = null,
    string? To = null,
    string? Direction = null,
    string? ParentCallSid = null,
    string? StartTime = null,
    string? EndTime = null,
    string? Duration = null)
{
    /// <summary>Twilio will not change a call in one of these states again.</summary>
    public bool IsFinal => Status is "completed" or "busy" or "failed" or "no-answer" or "canceled";

    public DateTime? StartedAtUtc => TwilioWire.Date(StartTime);

    public DateTime? EndedAtUtc => TwilioWire.Date(EndTime);

    public int? DurationSeconds => TwilioWire.Seconds(Duration);
}

/// <summary>Recording metadata; <see cref="Status"/> is completed once the media can be fetched.</summary>
public sealed record TwilioRecording(string Sid, string? CallSid = null, string? Status = null, string? Duration = null, string? DateCreated = null)
{
    public int? DurationSeconds => TwilioWire.Seconds(Duration);
}

/// <summary>A phone number of the account and what Twilio does with calls to it.</summary>
public sealed record IncomingPhoneNumber(
    string Sid,
    string PhoneNumber,
    string? VoiceUrl = null,
    string? VoiceMethod = null,
    string? VoiceFallbackUrl = null,
    string? VoiceFallbackMethod = null,
    string? StatusCallback = null,
    string? StatusCallbackMethod = null)
{
    public VoiceConfiguration Voice => new(VoiceUrl, VoiceMethod, VoiceFallbackUrl, VoiceFallbackMethod, StatusCallback, StatusCallbackMethod);
}

/// <summary>A number's voice webhooks: where Twilio asks what to do, where it falls back, where it reports the end.</summary>
public sealed record VoiceConfiguration(
    string? VoiceUrl,
    string? VoiceMethod,
    string? VoiceFallbackUrl,
    string? VoiceFallbackMethod,
    string? StatusCallback,
    string? StatusCallbackMethod)
{
    /// <summary>The form fields of Twilio's IncomingPhoneNumber update.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form() =>
    [
        new("VoiceUrl", VoiceUrl ?? ""),
        new("VoiceMethod", VoiceMethod ?? ""),
        new("VoiceFallbackUrl", VoiceFallbackUrl ?? ""),
        new("VoiceFallbackMethod", VoiceFallbackMethod ?? ""),
        new("StatusCallback", StatusCallback ?? ""),
        new("StatusCallbackMethod", StatusCallbackMethod ?? ""),
    ];
}

/// <summary>Which calls to list. Times are when the call started; empty fields do not filter.</summary>
public sealed record CallFilter(
    string? To = null,
    string? From = null,
    string? Status = null,
    DateTimeOffset? StartedOnOrAfter = null,
    DateTimeOffset? StartedBefore = null,
    int PageSize = 50,
    int MaxPages = 10);

internal sealed record CallsPage(List<TwilioCall>? Calls, string? NextPageUri);

internal sealed record IncomingPhoneNumbersPage(List<IncomingPhoneNumber>? IncomingPhoneNumbers, string? NextPageUri);

internal static class TwilioWire
{
    /// <summary>Twilio's JSON is snake_case (next_page_uri, voice_fallback_url).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>RFC 2822, e.g. "Fri, 20 Aug 2010 01:13:42 +0000".</summary>
    public static DateTime? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.UtcDateTime : null;

    public static int? Seconds(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>ISO 8601 UTC, as the SDKs send date filters.</summary>
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new JsonException("Twilio answered with an empty body.");

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
