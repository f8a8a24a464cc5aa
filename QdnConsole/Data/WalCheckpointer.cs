using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace QdnConsole.Data;

/// <summary>
/// Keeps SQLite's write-ahead log short. The webhook writer turns SQLite's automatic checkpoint off for its connection
/// (otherwise every thousandth page committed would make one webhook batch wait for the copy and its fsyncs); this
/// service copies the log back into the database beside it, on its own connection, once a second and whenever the
/// writer reports <see cref="WritesPerCheckpoint"/> more writes. A passive checkpoint never blocks writers or readers.
/// <para>
/// Under steady load the writer keeps appending while the copy runs, so the log would never be wholly copied and
/// SQLite would never start it over: it would grow without end, each append extending the file and each page read
/// searching a longer index. After each copy the writer is told to finish it (<see cref="TakeFinishing"/>): between
/// two batches it copies the few frames written meanwhile, and its next transaction starts the log from the beginning.
/// Everything copied here is synced to disk here too, so the writer's pause only syncs the pages it copies itself.
/// </para>
/// </summary>
public sealed partial class WalCheckpointer(
    IDbContextFactory<QdnDbContext> dbFactory,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>About 2 to 10 log frames each: the log stays within a few tens of megabytes under any load.</summary>
    public const int WritesPerCheckpoint = 2_000;

    private readonly Channel<bool> _wanted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _writes;
    private int _finishing;

    /// <summary>
    /// The writer committed <paramref name="writes"/> more writes; enough of them start a checkpoint at once. Called by
    /// the one writer thread only.
    /// </summary>
    public void Committed(int writes)
    {
        _writes += writes;
        if (_writes >= WritesPerCheckpoint)
        {
            _writes = 0;
            _wanted.Writer.TryWrite(true);
        }
    }

    /// <summary>True once after each checkpoint: the writer then finishes it on its own connection between batches.</summary>
    public bool TakeFinishing() => Interlocked.Exchange(ref _finishing, 0) == 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        var file = DataRegistration.DatabaseFile(configuration, environment.ContentRootPath);
        Task<bool>? asked = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            asked = asked is { IsCompleted: false } ? asked : _wanted.Reader.WaitToReadAsync(stoppingToken).AsTask();
            await Task.WhenAny(asked, Task.Delay(Interval, clock, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
            _wanted.Reader.TryRead(out _);

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

                // One connection for the copies and the sync (EF would open and close it around each command).
                await db.Database.OpenConnectionAsync(stoppingToken);
                var connection = OwnConnection.Connection(db);
                // Twice: the second copy is short (what was written during the first), so the writer's finish is shorter still.
                await CopyAsync(connection, stoppingToken);
                if (await CopyAsync(connection, stoppingToken) > 0)
                {
                    // SQLite syncs the database file after a copy only when the log has not grown meanwhile, which
                    // under steady load it always has: the writer's finish then waited for every page copied here, 4 to
                    // 7 ms with the writer stopped. Synced here, beside the writer, with the log written so far, the
                    // finish only syncs what it copies itself (bench/README, thirteenth round).
                    SqliteFileSync.DatabaseAndLog(connection);
                }

                Volatile.Write(ref _finishing, 1);
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

    /// <summary>One passive checkpoint; returns the frames in the log (0 when it is empty, -1 outside WAL mode).</summary>
    private static async Task<long> CopyAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var result = await command.ExecuteReaderAsync(ct);
        // Its row: busy, frames in the log, frames copied.
        return await result.ReadAsync(ct) ? result.GetInt64(1) : -1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying every second")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
