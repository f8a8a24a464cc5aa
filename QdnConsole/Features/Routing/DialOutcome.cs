namespace QdnConsole.Features.Routing;

/// <summary>What Twilio posted to a Dial action: the dialed leg's result and the caller's own status.</summary>
public sealed record DialOutcome(string? DialCallStatus, string? DialBridged, string? CallStatus, int? DialCallDurationSeconds = null)
{
    /// <summary>DialBridged as sent ("true"/"false"), or null when Twilio did not send it.</summary>
    public bool? Bridged => DialBridged?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };
}

public enum DialResultKind
{
    Answered,
    NotAccepted,
    Busy,
    NoAnswer,
    Failed,
    Canceled,
    CallerHungUp,
    Unknown,
}

/// <summary>A dial attempt's result, classified, with the sentence shown on the timeline.</summary>
public sealed record DialResult(DialResultKind Kind, string Reason)
{
    public bool Answered => Kind == DialResultKind.Answered;

    /// <summary>Answered means bridged: DialBridged when sent, otherwise DialCallStatus=completed.</summary>
    public static DialResult Classify(DialOutcome outcome, CascadeStepState? step)
    {
        var name = step?.Name ?? "the previous phone";
        var status = outcome.DialCallStatus?.Trim().ToLowerInvariant();
        var answered = outcome.Bridged ?? status is "completed" or "answered";
        if (answered)
        {
            return new(DialResultKind.Answered, $"{name} answered");
        }

        if (CallerIsGone(outcome.CallStatus))
        {
            return new(DialResultKind.CallerHungUp, $"Caller hung up while {name}'s phone was ringing");
        }

        return status switch
        {
            "completed" or "answered" => step?.Screen == true
                ? new(DialResultKind.NotAccepted, $"Screened: nobody at {name}'s phone pressed 1")
                : new(DialResultKind.NotAccepted, $"{name}'s phone picked up but the call was not connected"),
            "busy" => new(DialResultKind.Busy, $"{name}'s phone was busy"),
            "no-answer" => new(DialResultKind.NoAnswer, step is null
                ? $"{name} did not answer"
                : $"{name} did not answer within {step.RingSeconds} s"),
            "failed" => new(DialResultKind.Failed, $"The call to {name} failed (number unreachable)"),
            "canceled" => new(DialResultKind.Canceled, $"The call to {name} was canceled"),
            _ => new(DialResultKind.Unknown, $"Unexpected dial result '{outcome.DialCallStatus}' for {name}"),
        };
    }

    /// <summary>The parent call already ended: the caller hung up mid-cascade.</summary>
    private static bool CallerIsGone(string? callStatus) =>
        callStatus?.Trim().ToLowerInvariant() is "completed" or "canceled" or "busy" or "failed" or "no-answer";
}
