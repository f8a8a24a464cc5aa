using Microsoft.Data.Sqlite;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// The database file and its folder become read-only (a full or remounted disk, a wrong deploy): callers still get
/// through, and once writable again the app stores calls without a restart. As root (CI) only the immutable
/// attribute protects a file; where it is unavailable the test is skipped with that reason (see <see cref="WriteProtection"/>).
/// </summary>
public sealed class StoreReadOnlyTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [WriteProtectionFact]
    public async Task StoreReadOnly_CallerReachesBackupThenVoicemail_AndCallsAreStoredOnceWritable()
    {
        var outage = new StoreOutage(_app);
        await outage.WarmUpAsync();
        // Idle pooled connections were opened read-write before the change; a disk turning read-only meets fresh ones.
        SqliteConnection.ClearAllPools();

        // The write-ahead log too: the app's writer keeps it open, and a disk gone read-only refuses those writes as well
        // (never the -shm: SQLite maps it into memory, and a refused write there is a bus error, not an error code).
        using (WriteProtection.Apply(_app.DatabasePath, _app.DatabasePath + "-wal", Path.GetDirectoryName(_app.DatabasePath)!))
        {
            await outage.CallDuringOutageAsync();
        }

        var (during, _) = await outage.CallsAfterRecoveryAsync();
        Assert.Equal([Backup], outage.DialedDuringOutage);
        Assert.Equal(["SafePath", "VoicemailRecorded", "CallEnded"], during.Kinds);
    }
}
