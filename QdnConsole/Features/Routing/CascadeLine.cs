using QdnConsole.Data;

namespace QdnConsole.Features.Routing;

/// <summary>Everything the cascade decision needs to know about a line, read once per webhook.</summary>
public sealed record CascadeLine(
    string Id,
    string Name,
    string Number,
    string TimeZone,
    MaintenanceState Maintenance,
    IReadOnlyList<CascadeStepState> Steps,
    LineGreetings Greetings)
{
    /// <summary>The last step: the phone a failing system still rings before voicemail.</summary>
    public CascadeStepState? BackupStep => Steps.Count == 0 ? null : Steps[^1];

    public CascadeStepState? StepAt(int position) => Steps.FirstOrDefault(s => s.Position == position);

    /// <summary>Formats a UTC moment as the line's local wall-clock time (14:02).</summary>
    public string LocalTime(DateTime utc) => Lines.LineClock.ToLocal(TimeZone, utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Maintenance as stored; <see cref="IsActive"/> applies the automatic switch-back.</summary>
public sealed record MaintenanceState(bool On, string? Message, DateTime? UntilUtc, string? ChangedBy, DateTime? ChangedAtUtc)
{
    public static MaintenanceState Off { get; } = new(false, null, null, null, null);

    public bool IsActive(DateTime nowUtc) => UntilUtc is { } until && nowUtc >= until ? !On : On;
}

/// <summary>One cascade position with its person's availability.</summary>
public sealed record CascadeStepState(
    int Position,
    int PersonId,
    string Name,
    string Number,
    int RingSeconds,
    bool Screen,
    bool Available,
    DateTime? AvailableUntilUtc = null,
    string? AvailabilityChangedBy = null,
    DateTime? AvailabilityChangedAtUtc = null)
{
    /// <summary>Availability with the "until" switch-back applied.</summary>
    public bool IsAvailable(DateTime nowUtc) =>
        AvailableUntilUtc is { } until && nowUtc >= until ? !Available : Available;
}

/// <summary>Custom greeting texts; null falls back to the built-in text for that situation.</summary>
public sealed record LineGreetings(string? NoAnswer = null, string? Unavailable = null, string? Maintenance = null)
{
    public static LineGreetings Default { get; } = new();
}

/// <summary>Builds the routing view of a stored line (steps in order, people joined).</summary>
public static class CascadeLineMapping
{
    public static CascadeLine ToCascadeLine(this Line line) => new(
        line.Id,
        line.Name,
        line.Number,
        line.TimeZone,
        new MaintenanceState(line.MaintenanceMode, line.MaintenanceMessage, line.MaintenanceUntilUtc, line.MaintenanceChangedBy, line.MaintenanceChangedAtUtc),
        [.. line.Steps.OrderBy(s => s.Position).Select(s => new CascadeStepState(
            s.Position,
            s.PersonId,
            s.Person.Name,
            s.Person.Number,
            s.RingSeconds,
            s.Screen,
            s.Person.Available,
            s.Person.AvailableUntilUtc,
            s.Person.AvailabilityChangedBy,
            s.Person.AvailabilityChangedAtUtc))],
        new LineGreetings(line.GreetingNoAnswer, line.GreetingUnavailable, line.GreetingMaintenance));
}
