using QdnConsole.Data;

namespace QdnConsole.Features.History;

/// <summary>The words the history pages use for stored values.</summary>
public static class HistoryText
{
    /// <summary>The dispositions in the order the filter offers them.</summary>
    public static IReadOnlyList<CallDisposition> Dispositions { get; } =
    [
        CallDisposition.Answered, CallDisposition.Voicemail, CallDisposition.Missed,
        CallDisposition.Abandoned, CallDisposition.Failed, CallDisposition.InProgress,
    ];

    public static string Disposition(CallDisposition disposition) => disposition switch
    {
        CallDisposition.InProgress => "In progress",
        _ => disposition.ToString(),
    };

    public static string Reason(VoicemailReason reason) => reason switch
    {
        VoicemailReason.NoAnswer => "Nobody answered",
        VoicemailReason.Unavailable => "Nobody available",
        VoicemailReason.Maintenance => "Maintenance mode",
        VoicemailReason.NoCascade => "No one configured to ring",
        _ => "System trouble",
    };

    /// <summary>Who took the call, or why it went to voicemail; empty when neither applies.</summary>
    public static string Outcome(CallDisposition disposition, string? answeredBy, VoicemailReason? reason) =>
        disposition == CallDisposition.Answered ? answeredBy ?? "Someone"
        : reason is { } why ? Reason(why)
        : "";

    /// <summary>3:12, or an em dash when unknown.</summary>
    public static string Duration(int? seconds) => seconds is { } s ? $"{s / 60}:{s % 60:00}" : "—";

    public static string Kind(CallEventKind kind) => kind switch
    {
        CallEventKind.CallReceived => "Call received",
        CallEventKind.StepSkipped => "Skipped",
        CallEventKind.Ringing => "Ringing",
        CallEventKind.LegAnswered => "Picked up",
        CallEventKind.DialEnded => "Ringing ended",
        CallEventKind.ScreenPrompted => "Screening",
        CallEventKind.ScreenAccepted => "Accepted",
        CallEventKind.ScreenDeclined => "Declined",
        CallEventKind.Answered => "Answered",
        CallEventKind.VoicemailGreeting => "Sent to voicemail",
        CallEventKind.VoicemailRecorded => "Message recorded",
        CallEventKind.CallerHungUp => "Caller hung up",
        CallEventKind.CallEnded => "Call ended",
        CallEventKind.SafePath => "Safe path",
        CallEventKind.Reconciled => "Reconciled with Twilio",
        _ => "Error",
    };
}
