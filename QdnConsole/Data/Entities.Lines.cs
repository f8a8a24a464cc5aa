namespace QdnConsole.Data;

/// <summary>A business line: one Twilio number, its cascade and its greetings.</summary>
public sealed class Line
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The Twilio number callers dial, E.164.</summary>
    public required string Number { get; set; }

    /// <summary>IANA time zone the line's staff live in (times shown, future business hours).</summary>
    public required string TimeZone { get; set; }

    public bool MaintenanceMode { get; set; }

    /// <summary>Spoken to callers while maintenance is on, before the voicemail beep.</summary>
    public string? MaintenanceMessage { get; set; }

    /// <summary>When set, maintenance switches itself off at this moment.</summary>
    public DateTime? MaintenanceUntilUtc { get; set; }

    public string? MaintenanceChangedBy { get; set; }

    public DateTime? MaintenanceChangedAtUtc { get; set; }

    /// <summary>Custom greetings; null means the built-in text for that situation.</summary>
    public string? GreetingNoAnswer { get; set; }

    public string? GreetingUnavailable { get; set; }

    public string? GreetingMaintenance { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public List<CascadeStep> Steps { get; set; } = [];
}

/// <summary>Someone who can be rung. Availability belongs to the person, so it holds on every line they serve.</summary>
public sealed class Person
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The phone rung for this person, E.164.</summary>
    public required string Number { get; set; }

    public string? Email { get; set; }

    public bool Available { get; set; } = true;

    /// <summary>When set, <see cref="Available"/> flips back at this moment ("away until 17:00").</summary>
    public DateTime? AvailableUntilUtc { get; set; }

    public string? AvailabilityChangedBy { get; set; }

    public DateTime? AvailabilityChangedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One position in a line's cascade.</summary>
public sealed class CascadeStep
{
    public int Id { get; set; }

    public required string LineId { get; set; }

    /// <summary>0-based order within the line.</summary>
    public int Position { get; set; }

    public int PersonId { get; set; }

    public Person Person { get; set; } = null!;

    public int RingSeconds { get; set; } = 20;

    /// <summary>Whisper "press 1 to accept" so a cell phone's own voicemail can never take the call.</summary>
    public bool Screen { get; set; }
}
