using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// The URLs our TwiML sends Twilio to next. The call's progress (line, step, parent call) travels in them, so
/// any app instance, or this one after a restart, can take the next request. Twilio signs them, so they cannot
/// be tampered with.
/// </summary>
public sealed class VoiceUrls(string baseUrl)
{
    public const string Prefix = "/twilio";

    /// <summary>Absolute URLs from the configured public base URL, else paths under this request's path base.</summary>
    public static VoiceUrls For(HttpRequest request, string? publicBaseUrl) =>
        new(string.IsNullOrEmpty(publicBaseUrl) ? request.PathBase.ToUriComponent() : publicBaseUrl.TrimEnd('/'));

    public string DialResult(string lineId, int step) =>
        $"{baseUrl}{Prefix}/dial-result?line={Escape(lineId)}&step={step}";

    public string Screen(string lineId, int step, string? parentCallSid) =>
        $"{baseUrl}{Prefix}/screen?line={Escape(lineId)}&step={step}&call={Escape(parentCallSid ?? string.Empty)}";

    public string ScreenResult(string lineId, int step, string? parentCallSid) =>
        $"{baseUrl}{Prefix}/screen-result?line={Escape(lineId)}&step={step}&call={Escape(parentCallSid ?? string.Empty)}";

    public string LegStatus(string lineId, int step, string? parentCallSid) =>
        $"{baseUrl}{Prefix}/leg-status?line={Escape(lineId)}&step={step}&call={Escape(parentCallSid ?? string.Empty)}";

    public string Voicemail(string lineId, VoicemailReason reason) =>
        $"{baseUrl}{Prefix}/voicemail?line={Escape(lineId)}&reason={reason}";

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
