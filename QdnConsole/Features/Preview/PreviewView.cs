using QdnConsole.Features.Availability;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Preview;

/// <summary>One step of the cascade at the previewed moment: it rings, or it is skipped for <see cref="SkipReason"/>.</summary>
public sealed record PreviewStep(CascadeStepState Step, string? SkipReason)
{
    public bool Rings => SkipReason is null;
}

/// <summary>What a call arriving at <see cref="MomentUtc"/> would do, if nobody answers.</summary>
public sealed record PreviewView(
    CascadeLine Line,
    DateTime MomentUtc,
    bool Maintenance,
    string MaintenanceStatus,
    IReadOnlyList<PreviewStep> Steps,
    string Greeting)
{
    /// <summary>
    /// Asks <see cref="CascadePreview.Walk"/>, the same pure walk real calls and the simulator obey: the preview
    /// never decides anything itself, it only lays the answer out in cascade order.
    /// </summary>
    public static PreviewView For(CascadeLine line, DateTime momentUtc)
    {
        var walk = CascadePreview.Walk(line, momentUtc);
        IEnumerable<PreviewStep> rings = walk.Rings.Select(s => new PreviewStep(s, null));
        IEnumerable<PreviewStep> skipped = walk.Skipped.Select(s => new PreviewStep(s.Step, s.Reason));
        return new(
            line,
            momentUtc,
            line.Maintenance.IsActive(momentUtc),
            AvailabilityStatus.Maintenance(line, momentUtc),
            [.. rings.Concat(skipped).OrderBy(s => s.Step.Position)],
            walk.Greeting);
    }
}
