namespace QdnConsole.Features.Routing;

// ============================================================================================
// TEMPORARY STAND-IN, DELETE AT MERGE: the real CascadePreview is built in another branch (wt-e).
// Only here so the what-if preview and the test call page compile and run on this branch.
// ============================================================================================

/// <summary>STAND-IN: the steps a call would ring (in order), those skipped and why, and the greeting.</summary>
public sealed record CascadeWalk(IReadOnlyList<CascadeStepState> Rings, IReadOnlyList<SkippedStep> Skipped, string Greeting);

/// <summary>STAND-IN for the real pure walk of the cascade (nobody answers) at a moment.</summary>
public static class CascadePreview
{
    public static CascadeWalk Walk(CascadeLine line, DateTime momentUtc)
    {
        var rings = new List<CascadeStepState>();
        var skipped = new List<SkippedStep>();
        var decision = CascadeDecider.Start(line, momentUtc);
        while (true)
        {
            skipped.AddRange(decision.Skipped);
            if (decision.Kind != DecisionKind.Ring)
            {
                return new(rings, skipped, decision.Greeting ?? string.Empty);
            }

            rings.Add(decision.Step!);
            decision = CascadeDecider.AfterDial(line, decision.Step!.Position, new DialOutcome("no-answer", "false", "in-progress"), momentUtc);
        }
    }
}
