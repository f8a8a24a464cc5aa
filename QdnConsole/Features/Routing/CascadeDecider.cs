using QdnConsole.Data;

namespace QdnConsole.Features.Routing;

/// <summary>
/// The cascade, as a pure function of the line's state, where the call is, what the last dial did and the time.
/// Real calls, the test simulator and the what-if preview all ask this one place.
/// </summary>
public static class CascadeDecider
{
    /// <summary>A new call: maintenance rings nobody; otherwise the first available step.</summary>
    public static RoutingDecision Start(CascadeLine line, DateTime nowUtc)
    {
        if (line.Maintenance.IsActive(nowUtc))
        {
            return Voicemail(line, VoicemailReason.Maintenance, []);
        }

        if (line.Steps.Count == 0)
        {
            return Voicemail(line, VoicemailReason.NoCascade, []);
        }

        return NextFrom(line, fromPosition: int.MinValue, nowUtc, anyoneRung: false, previous: null);
    }

    /// <summary>A dial attempt ended: connected, caller gone, or on to the next available step or voicemail.</summary>
    public static RoutingDecision AfterDial(CascadeLine line, int stepPosition, DialOutcome outcome, DateTime nowUtc)
    {
        var result = DialResult.Classify(outcome, line.StepAt(stepPosition));
        if (result.Kind == DialResultKind.Answered)
        {
            return new(DecisionKind.Connected, [], line.StepAt(stepPosition), PreviousDial: result);
        }

        if (result.Kind == DialResultKind.CallerHungUp)
        {
            return new(DecisionKind.CallerGone, [], line.StepAt(stepPosition), PreviousDial: result);
        }

        // Maintenance switched on mid-call applies at once: nobody else is rung.
        if (line.Maintenance.IsActive(nowUtc))
        {
            return Voicemail(line, VoicemailReason.Maintenance, []) with { PreviousDial = result };
        }

        return NextFrom(line, stepPosition, nowUtc, anyoneRung: true, result);
    }

    /// <summary>Why a step is skipped right now, or null when its person can be rung.</summary>
    public static string? SkipReason(CascadeLine line, CascadeStepState step, DateTime nowUtc)
    {
        if (step.IsAvailable(nowUtc))
        {
            return null;
        }

        var reason = $"{step.Name} unavailable";
        var details = new List<string>(2);
        if (step.AvailabilityChangedBy is { } by && step.AvailabilityChangedAtUtc is { } at)
        {
            details.Add($"set by {by} {line.LocalTime(at)}");
        }

        if (step.AvailableUntilUtc is { } until && nowUtc < until)
        {
            details.Add($"until {line.LocalTime(until)}");
        }

        return details.Count == 0 ? reason : $"{reason} ({string.Join(", ", details)})";
    }

    private static RoutingDecision NextFrom(CascadeLine line, int fromPosition, DateTime nowUtc, bool anyoneRung, DialResult? previous)
    {
        var skipped = new List<SkippedStep>();
        foreach (var step in line.Steps.Where(s => s.Position > fromPosition).OrderBy(s => s.Position))
        {
            if (SkipReason(line, step, nowUtc) is { } reason)
            {
                skipped.Add(new(step, reason));
                continue;
            }

            return new(DecisionKind.Ring, skipped, step, PreviousDial: previous);
        }

        var why = anyoneRung ? VoicemailReason.NoAnswer : VoicemailReason.Unavailable;
        return Voicemail(line, why, skipped) with { PreviousDial = previous };
    }

    private static RoutingDecision Voicemail(CascadeLine line, VoicemailReason reason, IReadOnlyList<SkippedStep> skipped) =>
        new(DecisionKind.Voicemail, skipped, VoicemailReason: reason, Greeting: Greetings.For(reason, line));

    /// <summary>The decision the safe path takes when the store cannot be reached: the backup, then voicemail.</summary>
    public static RoutingDecision SafePath(CascadeLine line, int? afterPosition)
    {
        var backup = line.BackupStep;
        return backup is not null && (afterPosition is null || afterPosition < backup.Position)
            ? new(DecisionKind.Ring, [], backup)
            : Voicemail(line, afterPosition is null ? VoicemailReason.SystemTrouble : VoicemailReason.NoAnswer, []);
    }
}
