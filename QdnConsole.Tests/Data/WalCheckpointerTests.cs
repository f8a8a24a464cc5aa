using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using QdnConsole.Tests.Resilience;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Data;

/// <summary>
/// Under calls that never pause, the write-ahead log must still start over: otherwise it grows for as long as the
/// load lasts (gigabytes in an afternoon), and every write and read gets slower with it.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CallsThatNeverPause_LogStartsOverWhileTheyKeepComing_AndEveryCallIsStored()
    {
        var twilio = new TwilioWebhookClient(_app.CreateClient());
        Assert.Equal(200, (await twilio.PostAsync(InboundCall, Inbound(NewCallSid()))).Status);
        var firstLog = LogGeneration();

        // Sixteen callers without a pause, for four checkpoints' worth of calls: the log starts over with (nearly)
        // every checkpoint, never only in an idle moment.
        var answered = 0;
        var generations = new HashSet<string> { firstLog };
        var callers = Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref answered) <= 4 * WalCheckpointer.WritesPerCheckpoint)
            {
                Assert.Equal(200, (await twilio.PostAsync(InboundCall, Inbound(NewCallSid()))).Status);
            }
        }).ToList();
        var load = Task.WhenAll(callers);
        while (!load.IsCompleted)
        {
            generations.Add(LogGeneration());
            await Task.Delay(20);
        }

        await load;
        Assert.True(generations.Count >= 3, $"The log started over {generations.Count - 1} times in {4 * WalCheckpointer.WritesPerCheckpoint} calls without a pause.");
        Assert.Equal(4 * WalCheckpointer.WritesPerCheckpoint + 1, StoreFile.Calls(_app.DatabasePath).Count);
    }

    /// <summary>The log's salt (bytes 16–23 of its header): SQLite changes it each time it starts the log over.</summary>
    private string LogGeneration()
    {
        using var log = new FileStream(_app.DatabasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[32];
        log.ReadExactly(header);
        return Convert.ToHexString(header, 16, 8);
    }
}
