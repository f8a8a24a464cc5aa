using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Data.WalRowsConnection;

namespace QdnConsole.Tests.Data;

/// <summary>
/// The VFS that writes each transaction into the write-ahead log at once must never let another connection see a
/// transaction whose frames are not in the file yet, whatever the transaction's size. The app's resilience tests (a
/// kill -9 under load, a deleted, locked or read-only store) run through it as well: the app registers it.
/// </summary>
[Collection(CoalescingWalVfsCollectionDefinition.Name)]
public sealed class CoalescingWalVfsTests : IDisposable
{
    private readonly TempDatabase _database = new("coalescing");

    public CoalescingWalVfsTests() => CoalescingWalVfs.Register();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void EveryCommit_IsWhole_ForAnotherConnection_AtOnce_WhateverItsSize()
    {
        using var writer = Open(_database.Path);
        using var reader = Open(_database.Path);
        // A page, a few, past the first buffer (64 KiB: it grows), and past the largest (128 KiB: written in parts).
        int[] rowsPerCommit = [1, 7, 40, 1, 100, 2, 300, 1, 6_000, 40];
        var written = 0;
        for (var round = 0; round < 3; round++)
        {
            foreach (var rows in rowsPerCommit)
            {
                var last = Insert(writer, rows);
                written += rows;

                // Read at once, on another connection: the log's index counts the commit only if its frames are there.
                Assert.Equal(written, Scalar(reader, "SELECT COUNT(*) FROM Rows"));
                Assert.Equal(written, Scalar(reader, "SELECT COUNT(*) FROM Rows WHERE length(Payload) = 1000"));
                Assert.Equal(last, Payload(reader, written));
            }
        }

        Assert.Equal("ok", OwnConnection.Execute(reader, "PRAGMA integrity_check") as string);
        Assert.True(new FileInfo(_database.Path + "-wal").Length > 6_000 * 1_000, "The rows were meant to be read from the log.");
    }

    [Fact]
    public void ATransactionOfManyPages_ReachesTheLog_InAboutOneWrite()
    {
        using var writer = Open(_database.Path);
        const int commits = 100;
        Insert(writer, 1);
        var before = WriteCalls();
        for (var i = 0; i < commits; i++)
        {
            Insert(writer, 60); // about 15 pages and 15 frame headers: 30 writes each without the VFS
        }

        var writes = WriteCalls() - before;
        Assert.Equal(1 + (commits * 60), Scalar(writer, "SELECT COUNT(*) FROM Rows"));
        // Without coalescing, at least 3,000; the margin is for other threads of this test process writing meanwhile.
        Assert.True(writes < 1_000, $"{commits} commits of about 15 pages made {writes} write calls.");
    }

    /// <summary>Commits <paramref name="rows"/> rows of 1,000 random bytes in one transaction; returns the last one's.</summary>
    private static byte[] Insert(SqliteConnection connection, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (Payload) VALUES ($payload)";
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        var bytes = Array.Empty<byte>();
        for (var i = 0; i < rows; i++)
        {
            bytes = RandomNumberGenerator.GetBytes(1_000);
            payload.Value = bytes;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return bytes;
    }

    private static byte[] Payload(SqliteConnection connection, long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload FROM Rows WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (byte[])command.ExecuteScalar()!;
    }

    /// <summary>This process's write system calls so far (Linux: /proc/self/io, syscw).</summary>
    private static long WriteCalls() =>
        long.Parse(File.ReadLines("/proc/self/io").Single(line => line.StartsWith("syscw:", StringComparison.Ordinal))[6..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Counts the process's write calls: runs alone, not beside other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoalescingWalVfsCollectionDefinition
{
    public const string Name = "Coalescing WAL VFS";
}
