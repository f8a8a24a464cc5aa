using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Dashboard;

/// <summary>A call as the board shows it, with its timeline.</summary>
public sealed record CallRow(
    long Id,
    string CallSid,
    string LineId,
    string LineName,
    string From,
    string StartedLocal,
    CallDisposition Disposition,
    string? AnsweredBy,
    VoicemailReason? VoicemailReason,
    int? DurationSeconds,
    bool IsTest,
    IReadOnlyList<TimelineRow> Timeline);

public sealed record TimelineRow(int Sequence, string AtLocal, CallEventKind Kind, string? Reason);

/// <summary>Reads for the home page; a fresh context per read, never one held by the circuit.</summary>
public sealed class DashboardQueries(IDbContextFactory<QdnDbContext> dbFactory, LineStore lines)
{
    public const int RecentCallCount = 25;

    public async Task<IReadOnlyList<CascadeLine>> LinesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await lines.LoadAllAsync(db, ct);
    }

    public async Task<IReadOnlyList<CallRow>> RecentCallsAsync(IReadOnlyList<CascadeLine> known, string? lineId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Calls.AsNoTracking();
        if (!string.IsNullOrEmpty(lineId))
        {
            query = query.Where(c => c.LineId == lineId);
        }

        var calls = await query.OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Take(RecentCallCount).ToListAsync(ct);
        var ids = calls.Select(c => c.Id).ToList();
        var events = (await db.CallEvents.AsNoTracking().Where(e => ids.Contains(e.CallId)).ToListAsync(ct))
            .ToLookup(e => e.CallId);
        var byId = known.ToDictionary(l => l.Id);
        return [.. calls.Select(c =>
        {
            var line = byId.GetValueOrDefault(c.LineId);
            string Local(DateTime utc) => line?.LocalTime(utc) ?? utc.ToString("HH:mm");
            return new CallRow(
                c.Id, c.CallSid, c.LineId, line?.Name ?? c.LineId, c.From, Local(c.StartedAtUtc), c.Disposition,
                c.AnsweredByName, c.VoicemailReason, c.DurationSeconds, c.IsTest,
                [.. events[c.Id].OrderBy(e => e.Sequence).Select(e => new TimelineRow(e.Sequence, Local(e.AtUtc), e.Kind, e.Reason))]);
        })];
    }
}
