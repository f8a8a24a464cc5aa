namespace QdnConsole.Data;

public enum CallDisposition
{
    /// <summary>Still being routed or talking.</summary>
    InProgress,

    /// <summary>A person took the call.</summary>
    Answered,

    /// <summary>The caller left a message.</summary>
    Voicemail,

    /// <summary>The caller reached the voicemail greeting but left no message.</summary>
    Missed,

    /// <summary>The caller hung up while phones were ringing.</summary>
    Abandoned,

    /// <summary>Twilio reported the call as failed.</summary>
    Failed,
}

/// <summary>Why a caller was sent to voicemail; picks the greeting.</summary>
public enum VoicemailReason
{
    NoAnswer,
    Unavailable,
    Maintenance,
    NoCascade,
    SystemTrouble,
}

public sealed class Call
{
    public long Id { get; set; }

    /// <summary>Twilio's id of the call; setting it sets <see cref="CallSidHash"/>.</summary>
    public required string CallSid
    {
        get;
        set
        {
            field = value;
            CallSidHash = Data.CallSidHash.Of(value);
        }
    }

    /// <summary>
    /// The indexed key of <see cref="CallSid"/> (<see cref="Data.CallSidHash"/>): find a call by both. 0 marks a row
    /// stored without it, which the next start fills in (<see cref="CallSidHashBackfill"/>).
    /// </summary>
    public long CallSidHash { get; set; }

    public required string LineId { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    public string? CallerName { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    public int? DurationSeconds { get; set; }

    /// <summary>Last CallStatus Twilio reported for the parent call.</summary>
    public string? TwilioStatus { get; set; }

    public CallDisposition Disposition { get; set; }

    public int? AnsweredStepPosition { get; set; }

    public int? AnsweredPersonId { get; set; }

    /// <summary>Name at the time of the call, so history survives renames.</summary>
    public string? AnsweredByName { get; set; }

    public VoicemailReason? VoicemailReason { get; set; }

    /// <summary>Placed by the built-in simulator: excluded from statistics and reconciliation.</summary>
    public bool IsTest { get; set; }

    public List<CallEvent> Events { get; set; } = [];
}

public enum CallEventKind
{
    CallReceived,
    StepSkipped,
    Ringing,
    LegAnswered,
    DialEnded,
    ScreenPrompted,
    ScreenAccepted,
    ScreenDeclined,
    Answered,
    VoicemailGreeting,
    VoicemailRecorded,
    CallerHungUp,
    CallEnded,
    SafePath,
    Error,

    /// <summary>The final status fetched from Twilio because its status callback never arrived.</summary>
    Reconciled,
}

/// <summary>One routing decision or observation, in order: answers "why did this go to voicemail?".</summary>
public sealed class CallEvent
{
    public long Id { get; set; }

    public long CallId { get; set; }

    public int Sequence { get; set; }

    public DateTime AtUtc { get; set; }

    public CallEventKind Kind { get; set; }

    public int? StepPosition { get; set; }

    public string? PersonName { get; set; }

    /// <summary>The number rung, when a number is involved.</summary>
    public string? Target { get; set; }

    /// <summary>Twilio's word for what happened (DialCallStatus, CallStatus, digits).</summary>
    public string? Outcome { get; set; }

    /// <summary>The human explanation shown on the timeline.</summary>
    public string? Reason { get; set; }

    public int? DurationSeconds { get; set; }
}

/// <summary>
/// The TwiML returned for one webhook request of a call. Twilio retries a request it did not get an answer to;
/// the retry finds this row and gets the same answer, so nothing is recorded twice.
/// </summary>
public sealed class CallRequest
{
    public long CallId { get; set; }

    public Call? Call { get; set; }

    public required string RequestKey { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public required string Response { get; set; }
}

public sealed class Voicemail
{
    public long Id { get; set; }

    public long CallId { get; set; }

    public Call? Call { get; set; }

    public required string LineId { get; set; }

    public required string From { get; set; }

    public string? RecordingSid { get; set; }

    public string? RecordingUrl { get; set; }

    public int? DurationSeconds { get; set; }

    public VoicemailReason Reason { get; set; }

    /// <summary>What the caller heard before the beep.</summary>
    public required string Greeting { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    public bool Handled { get; set; }

    public DateTime? HandledAtUtc { get; set; }

    public string? HandledBy { get; set; }
}

/// <summary>Who changed what, when, from where, before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public required string Actor { get; set; }

    /// <summary>web, api, sms, config, system.</summary>
    public required string Source { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? RemoteAddress { get; set; }
}
