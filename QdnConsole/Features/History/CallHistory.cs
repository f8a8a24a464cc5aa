using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.History;

/// <summary>
/// The history reads, shared by the /calls page and the CSV export so the two can never disagree.
/// Paging is keyset on (StartedAtUtc, Id), newest first: each page seeks into IX_Calls_LineId_StartedAtUtc (rowid,
/// the Id, ends every SQLite index entry) once per line, merging the lines in order (<see cref="CallsAcrossLines"/>),
/// and reads one row past the page, so neither an OFFSET nor a COUNT ever walks the table.
/// </summary>
public sealed class CallHistory(IDbContextFactory<QdnDbContext> dbFactory, LineStore lines)
{
    public const int PageSize = 50;

    public async Task<HistoryScope> ScopeAsync(CallFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new HistoryScope(filter, await lines.LoadAllAsync(db, ct));
    }

    /// <summary>The page just older than <paramref name="before"/>, just newer than <paramref name="after"/>, or the newest.</summary>
    public async Task<HistoryPage> PageAsync(HistoryScope scope, PageCursor? before, PageCursor? after, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var calls = db.Calls.AsNoTracking();
        if (after is not null)
        {
            var newer = await PageQuery(calls, scope, null, after).ToListAsync(ct);
            // Fewer than a page above: that is the newest page (read whole, so it never comes out short).
            if (newer.Count > PageSize)
            {
                newer.RemoveAt(PageSize);
                newer.Reverse();
                return new(newer, newer[0].Cursor, newer[^1].Cursor);
            }
        }
        else if (before is not null)
        {
            var older = await PageQuery(calls, scope, before, null).ToListAsync(ct);
            if (older.Count > 0)
            {
                return Page(older, hasNewer: true);
            }
        }

        return Page(await PageQuery(calls, scope, null, null).ToListAsync(ct), hasNewer: false);
    }

    /// <summary>Every matching call, newest first, streamed; at most <paramref name="limit"/> rows.</summary>
    public async IAsyncEnumerable<HistoryRow> AllAsync(HistoryScope scope, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = Rows(Newest(InLines(Matching(db.Calls.AsNoTracking(), scope), scope)).Take(limit)).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }

    public async Task<CallDetail?> DetailAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null)
        {
            return null;
        }

        var line = await db.Lines.AsNoTracking().Where(l => l.Id == call.LineId).Select(l => new { l.Name, l.TimeZone }).FirstOrDefaultAsync(ct);
        var clock = ZoneClock.For(line?.TimeZone);
        var events = await db.CallEvents.AsNoTracking().Where(e => e.CallId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var voicemail = await db.Voicemails.AsNoTracking().Where(v => v.CallId == id).OrderBy(v => v.Id).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct);
        return new CallDetail(call, line?.Name ?? call.LineId, clock,
            [.. events.Select(e => new TimelineEntry(
                e.Sequence, clock.TimeOfDay(e.AtUtc), e.Kind, e.StepPosition, e.PersonName, e.Target, e.Outcome, e.Reason, e.DurationSeconds))],
            voicemail);
    }

    /// <summary>The calls the filter selects apart from its line (<see cref="InLines"/>), unordered.</summary>
    public static IQueryable<Call> Matching(IQueryable<Call> calls, HistoryScope scope)
    {
        var filter = scope.Filter;
        if (scope.FromUtc is { } fromUtc)
        {
            calls = calls.Where(c => c.StartedAtUtc >= fromUtc);
        }

        if (scope.ToUtc is { } toUtc)
        {
            calls = calls.Where(c => c.StartedAtUtc < toUtc);
        }

        if (filter.Disposition is { } disposition)
        {
            calls = calls.Where(c => c.Disposition == disposition);
        }

        if (filter.CallerNeedle is { } needle)
        {
            calls = calls.Where(c => c.From.Contains(needle));
        }

        return filter.IncludeTest ? calls : calls.Where(c => !c.IsTest);
    }

    /// <summary>
    /// One page plus one row (to know whether there is more). Newer pages are read oldest first and reversed.
    /// The redundant "StartedAtUtc &lt;= t" bound is what lets SQLite seek the index instead of walking it; it goes
    /// into every line's arm, before the lines are merged.
    /// </summary>
    public static IQueryable<HistoryRow> PageQuery(IQueryable<Call> calls, HistoryScope scope, PageCursor? before, PageCursor? after)
    {
        var matching = Matching(calls, scope);
        if (after is not null)
        {
            var (at, id) = (after.StartedAtUtc, after.Id);
            matching = matching.Where(c => c.StartedAtUtc >= at && (c.StartedAtUtc > at || c.Id > id));
            return Rows(InLines(matching, scope)
                .OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id)
                .Take(PageSize + 1));
        }

        if (before is not null)
        {
            var (at, id) = (before.StartedAtUtc, before.Id);
            matching = matching.Where(c => c.StartedAtUtc <= at && (c.StartedAtUtc < at || c.Id < id));
        }

        return Rows(Newest(InLines(matching, scope)).Take(PageSize + 1));
    }

    /// <summary>The filter's line, or with "All lines" every line the scope read (all of them), merged in order.</summary>
    private static IQueryable<Call> InLines(IQueryable<Call> calls, HistoryScope scope) =>
        CallsAcrossLines.Of(calls, scope.Filter.LineId is { } lineId ? [lineId] : [.. scope.Lines.Select(l => l.Id)]);

    private static IQueryable<Call> Newest(IQueryable<Call> calls) =>
        calls.OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id);

    private static IQueryable<HistoryRow> Rows(IQueryable<Call> calls) => calls.Select(c => new HistoryRow(
        c.Id, c.CallSid, c.LineId, c.From, c.CallerName, c.To, c.StartedAtUtc, c.EndedAtUtc, c.DurationSeconds,
        c.TwilioStatus, c.Disposition, c.AnsweredByName, c.VoicemailReason, c.IsTest));

    private static HistoryPage Page(List<HistoryRow> rows, bool hasNewer)
    {
        var hasOlder = rows.Count > PageSize;
        if (hasOlder)
        {
            rows.RemoveAt(PageSize);
        }

        return new(rows, hasNewer && rows.Count > 0 ? rows[0].Cursor : null, hasOlder ? rows[^1].Cursor : null);
    }
}
