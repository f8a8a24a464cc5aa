using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.AuditTrail;

/// <summary>Where a page of the trail starts: entries older than this one (newest first, ties broken by id).</summary>
public sealed record AuditCursor(DateTime AtUtc, long Id)
{
    public string Token => $"{AtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}";

    public static AuditCursor? Parse(string? token)
    {
        var parts = (token ?? string.Empty).Split('-');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new AuditCursor(new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}

public sealed record AuditRow(
    long Id,
    DateTime AtUtc,
    string AtLocal,
    string Actor,
    string Source,
    string? RemoteAddress,
    string EntityType,
    string EntityId,
    string Action,
    AuditDiffResult Diff);

public sealed record AuditTrailPage(
    IReadOnlyList<AuditRow> Rows,
    AuditCursor? Older,
    IReadOnlyList<string> EntityTypes,
    IReadOnlyList<string> Actors,
    string TimeZone);

/// <summary>The audit trail, newest first, keyset-paged on (AtUtc, Id) so a page stays cheap however long the trail gets.</summary>
public sealed class AuditTrailQueries(IDbContextFactory<QdnDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<AuditTrailPage> PageAsync(string? entityType, string? actor, AuditCursor? olderThan, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Times are shown in the first line's zone: the business's own clock.
        var zone = await db.Lines.AsNoTracking().OrderBy(l => l.CreatedAtUtc).ThenBy(l => l.Id).Select(l => l.TimeZone).FirstOrDefaultAsync(ct) ?? "UTC";
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(entityType))
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (!string.IsNullOrEmpty(actor))
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (olderThan is { } cursor)
        {
            query = query.Where(a => a.AtUtc < cursor.AtUtc || (a.AtUtc == cursor.AtUtc && a.Id < cursor.Id));
        }

        var entries = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        var rows = entries.Take(PageSize).Select(a => new AuditRow(
            a.Id, a.AtUtc, LineClock.Format(zone, a.AtUtc), a.Actor, a.Source, a.RemoteAddress, a.EntityType, a.EntityId, a.Action,
            AuditDiff.Compare(a.Before, a.After))).ToList();
        var older = entries.Count > PageSize ? new AuditCursor(rows[^1].AtUtc, rows[^1].Id) : null;
        var types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var actors = await db.AuditEntries.Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
        return new AuditTrailPage(rows, older, types, actors, zone);
    }

    /// <summary>A snapshot value as people read it: times in the trail's zone, nothing as "(none)".</summary>
    public static string Display(string field, string? value, string timeZone) =>
        value switch
        {
            null => "(none)",
            "" => "(empty)",
            _ when field.EndsWith("Utc", StringComparison.Ordinal)
                && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
                => LineClock.Format(timeZone, utc),
            _ => value,
        };
}
