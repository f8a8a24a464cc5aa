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
    DateTime StartedAtUtc,
    string StartedLocal,
    CallDisposition Disposition,
    string? AnsweredBy,
    VoicemailReason? VoicemailReason,
    int? DurationSeconds,
    bool IsTest,
    IReadOnlyList<TimelineRow> Timeline);

public sealed record TimelineRow(
    int Sequence, DateTime AtUtc, string AtLocal, CallEventKind Kind, string? PersonName, string? Outcome, string? Reason, int? DurationSeconds);

/// <summary>Reads for the home page; a fresh context per read, never one held by the circuit.</summary>
public sealed class DashboardQueries(IDbContextFactory<QdnDbContext> dbFactory, LineStore lines)
{
    public const int RecentCallCount = 25;

    /// <summary>Older "in progress" calls lost their end-of-call callback; they are history, not live.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromHours(4);

    public async Task<IReadOnlyList<CascadeLine>> LinesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await lines.LoadAllAsync(db, ct);
    }

    public Task<IReadOnlyList<CallRow>> LiveCallsAsync(IReadOnlyList<CascadeLine> known, DateTime nowUtc, CancellationToken ct) =>
        CallsAsync(known, null, q => q.Where(c => c.Disposition == CallDisposition.InProgress && c.StartedAtUtc >= nowUtc - LiveWindow), ct);

    public Task<IReadOnlyList<CallRow>> RecentCallsAsync(IReadOnlyList<CascadeLine> known, string? lineId, CancellationToken ct) =>
        CallsAsync(known, string.IsNullOrEmpty(lineId) ? null : lineId, q => q, ct);

    /// <summary>
    /// The newest calls <paramref name="filter"/> selects, of one line or of every line in <paramref name="known"/> (the
    /// board reads them all as it refreshes) merged in order (<see cref="CallsAcrossLines"/>).
    /// </summary>
    private async Task<IReadOnlyList<CallRow>> CallsAsync(
        IReadOnlyList<CascadeLine> known, string? lineId, Func<IQueryable<Call>, IQueryable<Call>> filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var calls = await CallsAcrossLines.Of(filter(db.Calls.AsNoTracking()), lineId is null ? [.. known.Select(l => l.Id)] : [lineId])
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id)
            .Take(RecentCallCount)
            .ToListAsync(ct);
        var ids = calls.Select(c => c.Id).ToList();
        var events = (await db.CallEvents.AsNoTracking().Where(e => ids.Contains(e.CallId)).ToListAsync(ct))
            .ToLookup(e => e.CallId);
        var byId = known.ToDictionary(l => l.Id);
        return [.. calls.Select(c =>
        {
            var line = byId.GetValueOrDefault(c.LineId);
            string Local(DateTime utc) => line?.LocalTime(utc) ?? utc.ToString("HH:mm");
            return new CallRow(
                c.Id, c.CallSid, c.LineId, line?.Name ?? c.LineId, c.From, c.StartedAtUtc, Local(c.StartedAtUtc), c.Disposition,
                c.AnsweredByName, c.VoicemailReason, c.DurationSeconds, c.IsTest,
                [.. events[c.Id].OrderBy(e => e.Sequence)
                    .Select(e => new TimelineRow(e.Sequence, e.AtUtc, Local(e.AtUtc), e.Kind, e.PersonName, e.Outcome, e.Reason, e.DurationSeconds))]);
        })];
    }
}
