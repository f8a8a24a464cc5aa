using System.Collections.Concurrent;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// kill -9 while calls pour in, then start again on the same file: every call that got its TwiML is in the store
/// with its timeline and its stored answer, and the file is sound. A webhook's answer leaves only after its commit.
/// </summary>
public sealed class KillDuringLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(QdnAppFactory.NewDirectory()).FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task KilledUnderLoad_Restarted_EveryAnsweredCallIsStoredAndTheFileIsSound()
    {
        var database = Path.Combine(_directory, "qdn.db");
        var load = new InboundLoad();
        string outputBeforeKill;
        await using (var app = await AppProcess.StartAsync(database))
        {
            using var http = app.CreateClient();
            await load.RunUntilKilledAsync(new TwilioWebhookClient(http), app.KillAsync);
            outputBeforeKill = app.Output;
            output.WriteLine($"killed with {load.Answered.Count} calls answered and {load.CutOff} requests cut off in flight");
        }

        await using var restarted = await AppProcess.StartAsync(database);
        using var restartedHttp = restarted.CreateClient();
        var after = await new TwilioWebhookClient(restartedHttp).PostAsync(InboundCall, Inbound(NewCallSid()));

        Assert.True(load.Failures.IsEmpty, $"Before the kill: {string.Join('\n', load.Failures.Take(5))}\n{outputBeforeKill}");
        Assert.True(load.CutOff > 0, "No request was in flight when the app was killed.");
        Assert.Equal("ok", StoreFile.IntegrityCheck(database));
        var stored = StoreFile.Calls(database);
        var missing = load.Answered.Keys.Where(sid => !stored.ContainsKey(sid)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} answered calls are not stored, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Empty(load.Answered.Keys.SelectMany(sid => stored[sid].Problems()));
        Assert.All(load.Answered, a => Assert.Equal(a.Value, stored[a.Key].Replies["inbound"]));
        Assert.All(load.Answered.Keys, sid => Assert.Equal(["CallReceived", "Ringing"], stored[sid].Kinds));
        Assert.Equal((200, Sergio), (after.Status, after.DialedNumber));
    }

    /// <summary>16 connections placing new calls back to back; the app is killed once enough were answered.</summary>
    private sealed class InboundLoad
    {
        private const int Connections = 16;
        private const int AnsweredBeforeKill = 300;

        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _cutOff;
        private bool _killing;
        private bool _killed;

        /// <summary>CallSid → the TwiML the caller got (200, well formed, ringing Sergio).</summary>
        public ConcurrentDictionary<string, string> Answered { get; } = new();

        /// <summary>Anything but a good answer before the kill.</summary>
        public ConcurrentQueue<string> Failures { get; } = new();

        /// <summary>Requests that were in flight when the app died.</summary>
        public int CutOff => _cutOff;

        public async Task RunUntilKilledAsync(TwilioWebhookClient twilio, Func<Task> kill)
        {
            var connections = Enumerable.Range(0, Connections).Select(_ => Task.Run(() => CallBackToBackAsync(twilio))).ToList();
            await _enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // Calls keep coming while the kill lands, so some are in flight when the process dies; requests that fail
            // from the moment the kill is sent are the ones it cut off.
            Volatile.Write(ref _killing, true);
            await kill();
            Volatile.Write(ref _killed, true);
            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(60));
        }

        private async Task CallBackToBackAsync(TwilioWebhookClient twilio)
        {
            while (!Volatile.Read(ref _killed))
            {
                var sid = NewCallSid();
                try
                {
                    var reply = await twilio.PostAsync(InboundCall, Inbound(sid));
                    if (reply.Status == 200 && StoreFile.IsTwiML(reply.Body) && reply.DialedNumber == Sergio)
                    {
                        Answered[sid] = reply.Body;
                    }
                    else
                    {
                        Failures.Enqueue($"{sid}: {reply.Status} {reply.Body}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    if (Volatile.Read(ref _killing))
                    {
                        Interlocked.Increment(ref _cutOff);
                        return;
                    }

                    Failures.Enqueue($"{sid}: {ex.Message}");
                }

                // Enough calls to kill the app in the middle of a busy store, or a failure to report now.
                if (Answered.Count >= AnsweredBeforeKill || !Failures.IsEmpty)
                {
                    _enough.TrySetResult();
                }
            }
        }
    }
}
