using Microsoft.Data.Sqlite;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// The database file is deleted under the running app (a cleanup script, an operator's mistake) and later restored
/// from a backup. SQLite keeps writing to a deleted file through connections that are still open, so "stored" is
/// checked where it matters: in the file on disk, read after the restore.
/// </summary>
public sealed class StoreDeletedTests : IDisposable
{
    private readonly QdnAppFactory _app = new();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), "qdn-tests", $"backup-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        _app.Dispose();
        File.Delete(_backup);
    }

    [Fact]
    public async Task StoreDeletedThenRestored_CallerReachesSomeone_AndLaterCallsAreInTheRestoredFile()
    {
        var outage = new StoreOutage(_app);
        await outage.WarmUpAsync();
        using (var source = StoreFile.Open(_app.DatabasePath))
        using (var copy = new SqliteConnection($"Data Source={_backup};Pooling=False"))
        {
            source.BackupDatabase(copy);
        }

        DeleteStore();
        await outage.CallDuringOutageAsync();
        Restore();

        await outage.CallsAfterRecoveryAsync();
    }

    private void DeleteStore()
    {
        foreach (var file in StoreFiles())
        {
            File.Delete(file);
        }
    }

    /// <summary>As an operator would: the backup copied in beside the store, then renamed over it, stale WAL files removed.</summary>
    private void Restore()
    {
        var incoming = _app.DatabasePath + ".restore";
        File.Copy(_backup, incoming);
        DeleteStore();
        File.Move(incoming, _app.DatabasePath, overwrite: true);
    }

    private string[] StoreFiles() => [_app.DatabasePath, _app.DatabasePath + "-wal", _app.DatabasePath + "-shm"];
}
