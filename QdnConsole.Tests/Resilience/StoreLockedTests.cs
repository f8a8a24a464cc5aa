using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Resilience;

/// <summary>Another writer holds the database (a backup tool, an operator's sqlite3 session): callers still get through.</summary>
public sealed class StoreLockedTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnotherWriterHoldsTheStore_CallerReachesBackupThenVoicemail_AndTheCallIsStoredOnceReleased()
    {
        var outage = new StoreOutage(_app);
        await outage.WarmUpAsync();

        using (var writer = StoreFile.Open(_app.DatabasePath))
        {
            StoreFile.Execute(writer, "BEGIN EXCLUSIVE;");
            await outage.CallDuringOutageAsync();
            StoreFile.Execute(writer, "ROLLBACK;");
        }

        var (during, _) = await outage.CallsAfterRecoveryAsync();
        Assert.Equal([Backup], outage.DialedDuringOutage);
        Assert.Equal(["SafePath", "VoicemailRecorded", "CallEnded"], during.Kinds);
    }
}
