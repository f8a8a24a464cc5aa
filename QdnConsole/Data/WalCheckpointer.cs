using Microsoft.EntityFrameworkCore;

namespace QdnConsole.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file once a second, on its own connection. The webhook
/// writer turns SQLite's automatic checkpoint off for its connection: otherwise every thousandth page committed would
/// make one webhook batch wait for the copy and its fsyncs. A passive checkpoint never blocks writers or readers.
/// </summary>
public sealed partial class WalCheckpointer(
    IDbContextFactory<QdnDbContext> dbFactory,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var failing = false;
        var file = DataRegistration.DatabaseFile(configuration, environment.ContentRootPath);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Opening a missing file would create an empty database in its place; wait for it to be put back instead.
            if (file is not null && !File.Exists(file))
            {
                continue;
            }

            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                if (!db.Database.IsSqlite())
                {
                    return;
                }

                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is down (the webhooks take the safe path meanwhile): say so once, keep trying.
                if (!failing)
                {
                    LogCheckpointFailed(logger, ex);
                }

                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying every second")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
