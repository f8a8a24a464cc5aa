using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Availability;

/// <summary>The sentence under a switch: the state calls obey right now, and why.</summary>
public static class AvailabilityStatus
{
    /// <summary>e.g. "Unavailable since 14:02 (set by sergio@example.com) until 17:00".</summary>
    public static string Person(CascadeLine line, CascadeStepState step, DateTime nowUtc)
    {
        var state = step.IsAvailable(nowUtc) ? "Available" : "Unavailable";
        return state + Why(line, step.AvailableUntilUtc, step.AvailabilityChangedBy, step.AvailabilityChangedAtUtc, nowUtc);
    }

    /// <summary>e.g. "On since 09:00 (set by owner@example.com) until 12:00: nobody is rung, callers go to voicemail".</summary>
    public static string Maintenance(CascadeLine line, DateTime nowUtc)
    {
        var m = line.Maintenance;
        var why = Why(line, m.UntilUtc, m.ChangedBy, m.ChangedAtUtc, nowUtc);
        return m.IsActive(nowUtc)
            ? $"On{why}: nobody is rung, callers go to voicemail"
            : $"Off{why}: calls ring the cascade";
    }

    private static string Why(CascadeLine line, DateTime? untilUtc, string? by, DateTime? atUtc, DateTime nowUtc)
    {
        if (untilUtc is { } until && nowUtc >= until)
        {
            // The "until" has passed: the stored switch no longer holds, the automatic switch-back does.
            return $" since {When(line, until, nowUtc)} (switched back automatically)";
        }

        var since = atUtc is { } at ? $" since {When(line, at, nowUtc)}" : string.Empty;
        var who = by is null ? string.Empty : $" (set by {by})";
        var upTo = untilUtc is { } u ? $" until {When(line, u, nowUtc)}" : string.Empty;
        return since + who + upTo;
    }

    private static string When(CascadeLine line, DateTime utc, DateTime nowUtc) => LineClock.Brief(line.TimeZone, utc, nowUtc);
}
