using Microsoft.EntityFrameworkCore;
using QdnConsole.Features.Lines;

namespace QdnConsole.Data;

/// <summary>
/// Applies migrations and runs the seeders (configured lines, first owner) before the server takes requests. A store that cannot be
/// opened does not stop the app: calls then take the safe path and readiness reports the database as down.
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<QdnDbContext> dbFactory,
    IEnumerable<IDatabaseSeeder> seeders,
    LineStore lines,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // The one place allowed to create the file: a first start, or a start after the file was removed.
                db.Database.SetConnectionString(DataRegistration.CreateMode(db.Database.GetConnectionString()!));
            }

            await ReleaseStaleMigrationLockAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets the console read while the webhook writes; the setting persists in the file.
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            foreach (var seeder in seeders)
            {
                await seeder.SeedAsync(db, cancellationToken);
            }

            var loaded = await lines.LoadAllAsync(db, cancellationToken);
            LogReady(logger, loaded.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnavailable(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A process killed mid-migration leaves EF's SQLite lock row behind and every later start would wait on it
    /// forever (dotnet/efcore#38958). One app owns a SQLite file, so a lock found at start is stale.
    /// </summary>
    private static async Task ReleaseStaleMigrationLockAsync(QdnDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var locks = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(ct);
        if (locks > 0)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready with {LineCount} lines")]
    private static partial void LogReady(ILogger logger, int lineCount);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Database could not be prepared; calls will take the safe path until it is back")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
