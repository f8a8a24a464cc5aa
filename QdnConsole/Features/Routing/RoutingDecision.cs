using QdnConsole.Data;

namespace QdnConsole.Features.Routing;

public enum DecisionKind
{
    /// <summary>Ring <see cref="RoutingDecision.Step"/>.</summary>
    Ring,

    /// <summary>Play <see cref="RoutingDecision.Greeting"/> and record a message.</summary>
    Voicemail,

    /// <summary>Someone answered: the call is connected and routing is done.</summary>
    Connected,

    /// <summary>The caller is gone: nothing more to do.</summary>
    CallerGone,
}

/// <summary>A step passed over without ringing, and why.</summary>
public sealed record SkippedStep(CascadeStepState Step, string Reason);

/// <summary>The outcome of one routing decision, with everything the timeline needs to explain it.</summary>
public sealed record RoutingDecision(
    DecisionKind Kind,
    IReadOnlyList<SkippedStep> Skipped,
    CascadeStepState? Step = null,
    VoicemailReason? VoicemailReason = null,
    string? Greeting = null,
    DialResult? PreviousDial = null)
{
    /// <summary>One sentence for logs and the board: why the call goes where it goes.</summary>
    public string Explanation => Kind switch
    {
        DecisionKind.Ring => $"Ringing {Step!.Name} for {Step.RingSeconds} s",
        DecisionKind.Voicemail => VoicemailReason switch
        {
            Data.VoicemailReason.Maintenance => "Maintenance mode: voicemail",
            Data.VoicemailReason.Unavailable => "Nobody available: voicemail",
            Data.VoicemailReason.NoCascade => "No one configured to ring: voicemail",
            Data.VoicemailReason.SystemTrouble => "System trouble: voicemail",
            _ => "Nobody answered: voicemail",
        },
        DecisionKind.Connected => PreviousDial?.Reason ?? "Connected",
        _ => PreviousDial?.Reason ?? "Caller hung up",
    };
}
