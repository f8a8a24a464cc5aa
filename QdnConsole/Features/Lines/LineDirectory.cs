using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Lines;

/// <summary>
/// The last known good view of every line, kept in memory. The safe call path reads it when the database
/// cannot be reached, so a caller still reaches the backup phone or voicemail. Starts from configuration
/// and is replaced with the database's view whenever a line is read from it.
/// </summary>
public sealed class LineDirectory
{
    private ImmutableArray<CascadeLine> _lines;

    public LineDirectory(IOptions<QdnOptions> options) =>
        _lines = [.. options.Value.Lines.Select(FromOptions)];

    public ImmutableArray<CascadeLine> All => _lines;

    /// <summary>The line for a called number, else the line named in the URL, else the first line: never none.</summary>
    public CascadeLine? Resolve(string? lineId, string? calledNumber) => Resolve(_lines, lineId, calledNumber);

    /// <summary>The one rule for picking a call's line, shared by routing and the safe path so both pick the same one.</summary>
    public static CascadeLine? Resolve(IReadOnlyList<CascadeLine> lines, string? lineId, string? calledNumber) =>
        lines.FirstOrDefault(l => l.Number == calledNumber)
        ?? lines.FirstOrDefault(l => string.Equals(l.Id, lineId, StringComparison.OrdinalIgnoreCase))
        ?? (lines.Count == 0 ? null : lines[0]);

    public void Remember(CascadeLine line) =>
        ImmutableInterlocked.Update(ref _lines, (lines, fresh) =>
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Id == fresh.Id)
                {
                    return lines.SetItem(i, fresh);
                }
            }

            return lines.Add(fresh);
        }, line);

    public void RememberAll(IEnumerable<CascadeLine> lines) => _lines = [.. lines];

    private static CascadeLine FromOptions(LineOptions line) => new(
        line.Id!,
        line.Name!,
        line.Number!,
        line.TimeZone,
        MaintenanceState.Off,
        [.. line.Steps.Select((s, i) => new CascadeStepState(i, 0, s.Name!, s.Number!, s.RingSeconds, s.Screen, Available: true))],
        new LineGreetings(line.Greetings.NoAnswer, line.Greetings.Unavailable, line.Greetings.Maintenance));
}
