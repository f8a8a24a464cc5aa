using Microsoft.Extensions.Options;
using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Features.Voice;

/// <summary>
/// Twilio's voice webhooks: one route group of <see cref="TwilioWebhooks"/>, each request signature-checked. Each
/// handler parses, asks <see cref="CallRouter"/>, and on any failure answers with <see cref="SafePath"/> so the
/// caller still reaches a person or voicemail.
/// </summary>
public static partial class VoiceEndpoints
{
    /// <summary>Stays well inside Twilio's 15 s webhook limit, leaving time to answer with the safe path.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    public static IEndpointRouteBuilder MapVoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var twilio = TwilioWebhooks.Map(app, VoiceUrls.Prefix);
        twilio.MapPost("/inbound-call", InboundCall);
        twilio.MapPost("/dial-result", DialResult);
        twilio.MapPost("/screen", Screen);
        twilio.MapPost("/screen-result", ScreenResult);
        twilio.MapPost("/leg-status", LegStatus);
        twilio.MapPost("/voicemail", Voicemail);
        twilio.MapPost("/call-status", CallStatus);
        twilio.MapPost("/fallback", Fallback);
        return app;
    }

    public static Task<IResult> InboundCall(HttpContext http, string? line, CallRouter router, LineDirectory directory) =>
        AnswerAsync(http, "inbound-call", (request, urls, ct) => router.InboundAsync(request, line, urls, ct),
            (request, urls) => SafePath.Inbound(directory.Resolve(line, request.To), urls, request.CallSid));

    public static Task<IResult> DialResult(HttpContext http, string? line, string? step, CallRouter router, LineDirectory directory) =>
        AnswerAsync(http, "dial-result", (request, urls, ct) => router.DialResultAsync(request, line, Step(step), urls, ct),
            (request, urls) => SafePath.AfterDial(directory.Resolve(line, request.To), Step(step), request, urls));

    public static Task<IResult> Screen(HttpContext http, string? line, string? step, string? call, CallRouter router, LineDirectory directory) =>
        AnswerAsync(http, "screen",
            (request, urls, ct) => router.ScreenAsync(request, Known(directory, line), Step(step), ParentSid(call, request), urls, ct),
            (request, urls) => SafePath.Screen(directory.Resolve(line, null), Step(step), ParentSid(call, request), request, urls));

    public static Task<IResult> ScreenResult(HttpContext http, string? line, string? step, string? call, CallRouter router, LineDirectory directory) =>
        AnswerAsync(http, "screen-result",
            (request, _, ct) => router.ScreenResultAsync(request, Known(directory, line), Step(step), ParentSid(call, request), ct),
            (request, _) => SafePath.ScreenResult(request));

    public static Task<IResult> LegStatus(HttpContext http, string? line, string? step, string? call, CallRouter router, LineDirectory directory) =>
        AnswerAsync(http, "leg-status",
            (request, _, ct) => router.LegAnsweredAsync(request, Known(directory, line), Step(step), ParentSid(call, request), ct),
            (_, _) => CascadeTwiML.Empty());

    public static Task<IResult> Voicemail(HttpContext http, string? line, string? reason, CallRouter router) =>
        AnswerAsync(http, "voicemail", (request, _, ct) => router.VoicemailAsync(request, line, Reason(reason), ct),
            (_, _) => SafePath.Voicemail());

    public static Task<IResult> CallStatus(HttpContext http, string? line, CallRouter router) =>
        AnswerAsync(http, "call-status", (request, _, ct) => router.CallStatusAsync(request, line, ct),
            (_, _) => CascadeTwiML.Empty());

    /// <summary>Twilio's Voice fallback URL: answered from memory only, without touching the database.</summary>
    public static async Task<IResult> Fallback(HttpContext http, string? line, LineDirectory directory, ILoggerFactory loggers)
    {
        var request = VoiceRequest.Parse(await http.Request.ReadFormAsync(http.RequestAborted));
        LogFallback(loggers.CreateLogger(typeof(VoiceEndpoints)), request.CallSid, request.ErrorCode, request.ErrorUrl);
        return Xml(SafePath.Fallback(directory.Resolve(line, request.To), request, UrlsFor(http)).ToString());
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext http,
        string endpoint,
        Func<VoiceRequest, VoiceUrls, CancellationToken, Task<string>> answer,
        Func<VoiceRequest, VoiceUrls, VoiceResponse> safe)
    {
        var request = VoiceRequest.Parse(await http.Request.ReadFormAsync(http.RequestAborted));
        var urls = UrlsFor(http);
        var logger = http.RequestServices.GetRequiredService<ILogger<CallRouter>>();
        using var scope = CallScope(logger, request.CallSid, endpoint);
        if (request.CallSid is null)
        {
            LogNoCallSid(logger, endpoint);
            return Xml(safe(request, urls).ToString());
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        budget.CancelAfter(Budget);
        try
        {
            return Xml(await answer(request, urls, budget.Token));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, request.CallSid, endpoint);
            return Xml(safe(request, urls).ToString());
        }
    }

    // Query values are bound leniently: a malformed one must still get the caller somewhere, never a 400.
    private static int Step(string? step) => int.TryParse(step, out var position) && position >= 0 ? position : 0;

    private static VoicemailReason Reason(string? reason) =>
        Enum.TryParse<VoicemailReason>(reason, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : VoicemailReason.NoAnswer;

    private static CascadeLine Known(LineDirectory directory, string? line) =>
        directory.Resolve(line, null) ?? throw new InvalidOperationException("No line is configured.");

    private static string ParentSid(string? call, VoiceRequest request) =>
        (string.IsNullOrEmpty(call) ? request.ParentCallSid : call) ?? request.CallSid!;

    private static VoiceUrls UrlsFor(HttpContext http) =>
        VoiceUrls.For(http.Request, http.RequestServices.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue.PublicBaseUrl);

    private static TwiMLResult Xml(string twiml) => new(twiml);

    /// <summary>Every log line of a webhook carries its call and webhook.</summary>
    private static readonly Func<ILogger, string?, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string?, string>("Call {CallSid}, {Webhook} webhook");

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: {Webhook} failed; answered with the safe path")]
    private static partial void LogFailed(ILogger logger, Exception exception, string callSid, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed {Webhook} request carried no CallSid; answered with the safe path")]
    private static partial void LogNoCallSid(ILogger logger, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: Twilio used the fallback URL (error {ErrorCode} at {ErrorUrl})")]
    private static partial void LogFallback(ILogger logger, string? callSid, string? errorCode, string? errorUrl);
}
