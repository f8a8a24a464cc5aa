using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Lines;

/// <summary>Reads lines for routing, refreshing the in-memory last-known-good copy as it goes.</summary>
public sealed class LineStore(LineDirectory directory)
{
    /// <summary>The called line as stored now; falls back to the URL's line id, then the first line.</summary>
    public async Task<CascadeLine?> LoadAsync(QdnDbContext db, string? lineId, string? calledNumber, CancellationToken ct)
    {
        var line = await Lines(db).FirstOrDefaultAsync(l => l.Number == calledNumber, ct)
            ?? (lineId is null ? null : await Lines(db).FirstOrDefaultAsync(l => l.Id == lineId, ct))
            ?? await Lines(db).OrderBy(l => l.CreatedAtUtc).ThenBy(l => l.Id).FirstOrDefaultAsync(ct);
        if (line is null)
        {
            return null;
        }

        var cascade = line.ToCascadeLine();
        directory.Remember(cascade);
        return cascade;
    }

    public async Task<IReadOnlyList<CascadeLine>> LoadAllAsync(QdnDbContext db, CancellationToken ct)
    {
        var lines = await Lines(db).OrderBy(l => l.Name).ToListAsync(ct);
        var cascades = lines.Select(l => l.ToCascadeLine()).ToList();
        if (cascades.Count > 0)
        {
            directory.RememberAll(cascades);
        }

        return cascades;
    }

    private static IQueryable<Line> Lines(QdnDbContext db) =>
        db.Lines.AsNoTracking().AsSplitQuery().Include(l => l.Steps).ThenInclude(s => s.Person);
}
