using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Lines;

/// <summary>
/// Reads lines for routing. Webhooks use <see cref="FindAsync"/>: a snapshot of every line kept in memory and reloaded
/// after any change to lines, steps or people is saved (<see cref="LineChangeInterceptor"/> bumps
/// <see cref="LineVersion"/>), so the very next call obeys a switch and no webhook pays three queries for its line.
/// Every read also refreshes <see cref="LineDirectory"/>, the last-known-good copy the safe path uses.
/// </summary>
public sealed class LineStore(IDbContextFactory<QdnDbContext> dbFactory, LineDirectory directory, LineVersion version) : IDisposable
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The line for a called number, else the URL's line id, else the first line created; null when none is stored.</summary>
    public async ValueTask<CascadeLine?> FindAsync(string? lineId, string? calledNumber, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Version != version.Current)
        {
            snapshot = await ReloadAsync(ct);
        }

        return LineDirectory.Resolve(snapshot.Lines, lineId, calledNumber);
    }

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

    public void Dispose() => _reloading.Dispose();

    private async Task<Snapshot> ReloadAsync(CancellationToken ct)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            var current = version.Current;
            if (Volatile.Read(ref _snapshot) is { } loaded && loaded.Version == current)
            {
                return loaded; // another request reloaded while this one waited
            }

            // The version is read before the lines: a change saved meanwhile bumps it again, and the next call reloads.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var lines = await Lines(db).OrderBy(l => l.CreatedAtUtc).ThenBy(l => l.Id).ToListAsync(ct);
            var cascades = lines.Select(l => l.ToCascadeLine()).ToArray();
            if (cascades.Length > 0)
            {
                directory.RememberAll(cascades);
            }

            var snapshot = new Snapshot(current, cascades);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private static IQueryable<Line> Lines(QdnDbContext db) =>
        db.Lines.AsNoTracking().AsSplitQuery().Include(l => l.Steps).ThenInclude(s => s.Person);

    private sealed record Snapshot(long Version, CascadeLine[] Lines);
}
