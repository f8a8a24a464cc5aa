using QdnConsole.Data;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Features.Voice;

/// <summary>
/// TwiML for when the normal path fails (store locked or gone, a bug, Twilio's fallback URL). Uses only the
/// in-memory last-known-good line, never the database: the backup phone, then voicemail. A caller always
/// reaches a person or a voicemail.
/// </summary>
public static class SafePath
{
    public static VoiceResponse Inbound(CascadeLine? line, VoiceUrls urls, string? callSid) =>
        line is null ? NoLine(urls) : CascadeTwiML.Render(CascadeDecider.SafePath(line, afterPosition: null), line.Id, urls, callSid);

    public static VoiceResponse AfterDial(CascadeLine? line, int step, VoiceRequest request, VoiceUrls urls)
    {
        var outcome = new DialOutcome(request.DialCallStatus, request.DialBridged, request.CallStatus, request.DialCallDuration);
        var result = DialResult.Classify(outcome, line?.StepAt(step));
        if (result.Kind is DialResultKind.Answered or DialResultKind.CallerHungUp)
        {
            return new VoiceResponse().Hangup();
        }

        return line is null ? NoLine(urls) : CascadeTwiML.Render(CascadeDecider.SafePath(line, step), line.Id, urls, request.CallSid);
    }

    public static VoiceResponse Screen(CascadeLine? line, int step, string? parentCallSid, VoiceRequest request, VoiceUrls urls) =>
        CascadeTwiML.ScreenPrompt(line?.Name ?? "our business line", request.From, urls.ScreenResult(line?.Id ?? "unknown", step, parentCallSid));

    public static VoiceResponse ScreenResult(VoiceRequest request) => CascadeTwiML.ScreenAnswer(request.Digits == "1");

    public static VoiceResponse Voicemail() => CascadeTwiML.VoicemailThanks();

    /// <summary>Twilio's fallback URL: the failed request's URL tells where in the call we were.</summary>
    public static VoiceResponse Fallback(CascadeLine? line, VoiceRequest request, VoiceUrls urls)
    {
        var failed = request.ErrorUrl ?? string.Empty;
        var step = StepOf(failed);
        return failed switch
        {
            _ when failed.Contains("/screen-result", StringComparison.Ordinal) => ScreenResult(request),
            _ when failed.Contains("/screen", StringComparison.Ordinal) => Screen(line, step ?? 0, ParentOf(failed) ?? request.ParentCallSid, request, urls),
            _ when failed.Contains("/voicemail", StringComparison.Ordinal) => Voicemail(),
            _ when failed.Contains("/call-status", StringComparison.Ordinal) => CascadeTwiML.Empty(),
            _ when step is { } position && request.DialCallStatus is not null => AfterDial(line, position, request, urls),
            _ => Inbound(line, urls, request.CallSid),
        };
    }

    private static VoiceResponse NoLine(VoiceUrls urls) => CascadeTwiML.Voicemail(
        "Thank you for calling. We could not connect your call. Please leave your name, number and a short message after the beep.",
        "unknown", VoicemailReason.SystemTrouble, urls);

    private static int? StepOf(string url) => int.TryParse(QueryValue(url, "step"), out var step) ? step : null;

    private static string? ParentOf(string url) => QueryValue(url, "call");

    private static string? QueryValue(string url, string key)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? url[(q + 1)..] : string.Empty;
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return values.TryGetValue(key, out var value) && value.Count > 0 ? value[0] : null;
    }
}
