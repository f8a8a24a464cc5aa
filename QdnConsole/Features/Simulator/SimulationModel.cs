namespace QdnConsole.Features.Simulator;

/// <summary>What happens at a dialed phone in a simulated call.</summary>
public enum DialChoice
{
    /// <summary>Picks up and is connected (pressing 1 when the step is screened).</summary>
    Answered,
    Busy,
    NoAnswer,
    Failed,
    Canceled,

    /// <summary>The caller hangs up while this phone rings.</summary>
    CallerHangsUp,

    /// <summary>The phone's own voicemail picks up and nobody presses 1 (a screened step rings on; an unscreened one is lost to it).</summary>
    VoicemailPicksUp,

    /// <summary>Screened step: the person presses 1.</summary>
    ScreenAccept,

    /// <summary>Screened step: the person presses another key.</summary>
    ScreenReject,
}

/// <summary>A simulated call: who calls which line, and what each dialed phone does, in dial order.</summary>
/// <param name="GatherDigits">Keys the caller presses at each top-level &lt;Gather&gt;, in order; none left: no input.</param>
public sealed record SimulationRequest(
    string To,
    string From,
    IReadOnlyList<DialChoice> Choices,
    int RecordingSeconds = 12,
    bool LeaveMessage = true,
    bool MarkAsTest = true,
    IReadOnlyList<string>? GatherDigits = null);

public enum SimulationEnd
{
    /// <summary>A person took the call.</summary>
    Person,

    /// <summary>The caller left (or could leave) a message after a greeting.</summary>
    Voicemail,

    /// <summary>The caller hung up on purpose (a CallerHangsUp choice).</summary>
    CallerHungUp,

    /// <summary>The call ended without a person or a voicemail: what this product must never do.</summary>
    Lost,

    /// <summary>Our webhook answered something Twilio would refuse (bad XML, unknown verb, HTTP error).</summary>
    Failed,
}

/// <summary>One request the simulator made and what came back.</summary>
public sealed record SimulationStep(string Url, IReadOnlyDictionary<string, string> Form, int Status, IReadOnlyList<string> Verbs, string? Note);

public sealed record SimulationResult(
    string CallSid,
    SimulationEnd End,
    string Summary,
    string? ReachedNumber,
    string? Greeting,
    IReadOnlyList<SimulationStep> Steps)
{
    /// <summary>Every call must end with a person or a voicemail (or a caller who chose to hang up).</summary>
    public bool Lost => End is SimulationEnd.Lost or SimulationEnd.Failed;

    /// <summary>The numbers each &lt;Dial&gt; rang, in order.</summary>
    public IReadOnlyList<string> DialedNumbers { get; init; } = [];
}
