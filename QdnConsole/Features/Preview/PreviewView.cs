using QdnConsole.Features.Availability;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Preview;

/// <summary>What a call arriving at <see cref="MomentUtc"/> would do if nobody answers, and maintenance at that moment.</summary>
public sealed record PreviewView(
    CascadeLine Line,
    DateTime MomentUtc,
    bool Maintenance,
    string MaintenanceStatus,
    IReadOnlyList<PreviewStep> Steps,
    string Greeting)
{
    /// <summary>
    /// Asks <see cref="CascadePreview.Walk"/>, the same pure walk real calls and the simulator obey: the page never
    /// decides who rings itself, it only lays the answer out.
    /// </summary>
    public static PreviewView For(CascadeLine line, DateTime momentUtc)
    {
        var walk = CascadePreview.Walk(line, momentUtc);
        return new(line, momentUtc, line.Maintenance.IsActive(momentUtc), AvailabilityStatus.Maintenance(line, momentUtc), walk.Steps, walk.Greeting);
    }
}
