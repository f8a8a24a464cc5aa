using Microsoft.EntityFrameworkCore;

namespace QdnConsole.Data;

/// <summary>
/// The calls of every line as one query that can be read in start-time order without an index over all calls' start
/// times: one arm per line, each read in order from IX_Calls_LineId_StartedAtUtc, joined by UNION ALL. Ordered by
/// (StartedAtUtc, Id) and limited, SQLite merges the arms' ordered streams (a MERGE of the compound query, no sort) and
/// stops at the limit, so a page costs a seek per line.
/// <para>
/// This is why the store keeps no IX_Calls_StartedAtUtc: every call the webhook stores would pay for it in the one
/// writer's transaction, and a handful of lines is a handful of seeks for a history page.
/// </para>
/// </summary>
public static class CallsAcrossLines
{
    /// <summary>
    /// More lines than this are read as one query over all calls instead (correct, but a scan and a sort): SQLite
    /// allows 500 arms in a compound query, and long before that the arms cost more than the sort.
    /// </summary>
    public const int MaxArms = 100;

    /// <summary>Every line's id, read when the query is built: a line added a moment ago is in its arms.</summary>
    public static Task<List<string>> LineIdsAsync(QdnDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Lines.AsNoTracking().Select(l => l.Id).ToListAsync(ct);
    }

    /// <summary>
    /// <paramref name="calls"/> (filtered as the caller likes, unordered) restricted to each line in turn, joined. Order
    /// and limit the result; filters that narrow the start time belong in <paramref name="calls"/>, where each arm can
    /// seek with them. Lines are never deleted and every call has one, so no call is left out. Past
    /// <see cref="MaxArms"/> lines, <paramref name="calls"/> as they are.
    /// </summary>
    public static IQueryable<Call> Of(IQueryable<Call> calls, IReadOnlyCollection<string> lineIds)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(lineIds);
        if (lineIds.Count > MaxArms)
        {
            return calls;
        }

        IQueryable<Call>? all = null;
        foreach (var lineId in lineIds.Distinct(StringComparer.Ordinal))
        {
            var arm = calls.Where(c => c.LineId == lineId);
            all = all is null ? arm : all.Concat(arm);
        }

        return all ?? calls.Where(_ => false);
    }
}
