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
    private const int Connections = 16;
    private const int AnsweredBeforeKill = 300;

    private readonly string _directory = Directory.CreateDirectory(QdnAppFactory.NewDirectory()).FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task KilledUnderLoad_Restarted_EveryAnsweredCallIsStoredAndTheFileIsSound()
    {
        var database = Path.Combine(_directory, "qdn.db");
        var answered = new ConcurrentDictionary<string, string>();
        var failuresBeforeKill = new ConcurrentQueue<string>();
        var cutOff = 0;
        var killed = false;
        await using (var app = await AppProcess.StartAsync(database))
        {
            using var http = app.CreateClient();
            var twilio = new TwilioWebhookClient(http);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var load = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
            {
                while (!Volatile.Read(ref killed))
                {
                    var sid = NewCallSid();
                    try
                    {
                        var reply = await twilio.PostAsync(InboundCall, Inbound(sid));
                        if (reply.Status == 200 && StoreFile.IsTwiML(reply.Body) && reply.DialedNumber == Sergio)
                        {
                            answered[sid] = reply.Body;
                        }
                        else
                        {
                            failuresBeforeKill.Enqueue($"{sid}: {reply.Status} {reply.Body}");
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        if (Volatile.Read(ref killed))
                        {
                            Interlocked.Increment(ref cutOff);
                            return;
                        }

                        failuresBeforeKill.Enqueue($"{sid}: {ex.Message}");
                    }

                    // Enough calls to kill the app in the middle of a busy store, or a failure to report now.
                    if (answered.Count >= AnsweredBeforeKill || !failuresBeforeKill.IsEmpty)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToList();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Volatile.Write(ref killed, true);
            await app.KillAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"killed with {answered.Count} calls answered and {cutOff} requests cut off in flight");
        }

        await using var restarted = await AppProcess.StartAsync(database);
        using var restartedHttp = restarted.CreateClient();
        var after = await new TwilioWebhookClient(restartedHttp).PostAsync(InboundCall, Inbound(NewCallSid()));

        Assert.True(failuresBeforeKill.IsEmpty, $"Before the kill: {string.Join('\n', failuresBeforeKill.Take(5))}\n{restarted.Output}");
        Assert.True(cutOff > 0, "No request was in flight when the app was killed.");
        Assert.Equal("ok", StoreFile.IntegrityCheck(database));
        var stored = StoreFile.Calls(database);
        var missing = answered.Keys.Where(sid => !stored.ContainsKey(sid)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} answered calls are not stored, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Empty(answered.Keys.SelectMany(sid => stored[sid].Problems()));
        Assert.All(answered, a => Assert.Equal(a.Value, stored[a.Key].Replies["inbound"]));
        Assert.All(answered.Keys, sid => Assert.Equal(["CallReceived", "Ringing"], stored[sid].Kinds));
        Assert.Equal((200, Sergio), (after.Status, after.DialedNumber));
    }
}
