using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Data.WalRowsConnection;

namespace QdnConsole.Tests.Data;

/// <summary>
/// The checkpointer syncs what its copies wrote into the database file, so that the writer's pause to start the log
/// over only waits for its own few pages. What is unsynced is read from the kernel (Linux's cachestat: a file's pages
/// in the page cache that are dirty or being written back).
/// </summary>
public sealed class SqliteFileSyncTests : IDisposable
{
    private readonly TempDatabase _database = new("filesync");

    public SqliteFileSyncTests() => Directory.CreateDirectory(Path.GetDirectoryName(_database.Path)!);

    public void Dispose() => _database.Dispose();

    [Fact]
    public void ACheckpointThatStopsShortOfTheLogsEnd_LeavesTheDatabaseUnsynced_UntilSynced()
    {
        using var writer = Open(_database.Path);
        using var reader = Open(_database.Path);
        using var checkpointer = Open(_database.Path);
        Insert(writer, 200);

        // SQLite syncs what a copy wrote only when the copy reaches the log's end. Under load the writer's appends during
        // the copy keep it from the end; here a reader on this snapshot stops it short.
        using var snapshot = reader.BeginTransaction(deferred: true);
        Assert.Equal(200, Scalar(reader, "SELECT COUNT(*) FROM Rows"));
        Insert(writer, 200);
        var (log, copied) = Checkpoint(checkpointer);
        Assert.True(copied > 0 && copied < log, $"The copy was meant to stop short of the log's end: {copied} of {log} frames.");
        Assert.True(Unsynced(_database.Path) > 0, "SQLite was expected to leave the pages it copied unsynced.");

        SqliteFileSync.DatabaseAndLog(checkpointer);

        Assert.Equal(0, Unsynced(_database.Path));
        Assert.Equal(0, Unsynced(_database.Path + "-wal"));
        snapshot.Commit();
        Assert.Equal(400, Scalar(checkpointer, "SELECT COUNT(*) FROM Rows"));
    }

    [Fact]
    public void ADatabaseWithoutALog_IsSynced_AndItsJournalSkipped()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        connection.Open();
        OwnConnection.Execute(connection, "PRAGMA journal_mode=DELETE");
        OwnConnection.Execute(connection, "PRAGMA synchronous=OFF"); // SQLite's commits leave their pages unsynced
        OwnConnection.Execute(connection, "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL)");
        Insert(connection, 100);
        Assert.True(Unsynced(_database.Path) > 0, "The commits were meant to leave pages unsynced.");

        SqliteFileSync.DatabaseAndLog(connection);

        Assert.Equal(0, Unsynced(_database.Path));
    }

    [Fact]
    public void AClosedConnection_IsRefused()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        Assert.Throws<InvalidOperationException>(() => SqliteFileSync.DatabaseAndLog(connection));
    }

    private static void Insert(SqliteConnection connection, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (Payload) VALUES (randomblob(1000))";
        for (var i = 0; i < rows; i++)
        {
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>A passive checkpoint: the log's frames and how many it copied.</summary>
    private static (long Log, long Copied) Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var result = command.ExecuteReader();
        Assert.True(result.Read());
        return (result.GetInt64(1), result.GetInt64(2));
    }

    /// <summary>
    /// The file's pages in the page cache that are dirty or under writeback (Linux 6.5+ cachestat). Its own descriptor,
    /// closed again, drops this process's POSIX locks on the file: harmless here, with no other process on it.
    /// </summary>
    private static long Unsynced(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var range = new CachestatRange(0, 0); // length 0: to the end of the file
        if (syscall(CachestatSyscall, (int)file.DangerousGetHandle(), ref range, out var stat, 0) != 0)
        {
            throw new InvalidOperationException($"cachestat failed (errno {Marshal.GetLastPInvokeError()}); it needs Linux 6.5 or later.");
        }

        return checked((long)(stat.Dirty + stat.Writeback));
    }

    private const long CachestatSyscall = 451; // x86-64 and arm64 alike

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct CachestatRange(ulong Offset, ulong Length);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Cachestat(ulong Cache, ulong Dirty, ulong Writeback, ulong Evicted, ulong RecentlyEvicted);

    [DllImport("libc", SetLastError = true)]
    private static extern int syscall(long number, int fd, ref CachestatRange range, out Cachestat stat, uint flags);
}
