using QdnConsole.Features.Operations;
using QdnConsole.Tests.Infrastructure;
using QdnConsole.Tests.Resilience;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Features.Operations;

/// <summary>
/// The app as an operator runs it (its own process): after answering calls, every one of its threads is scheduled as
/// batch work, as Linux reports it in /proc, including those started after startup (sockets, the pool, the call writer),
/// unless the operator turns it off.
/// </summary>
public sealed class BatchSchedulingTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(QdnAppFactory.NewDirectory()).FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ByDefault_EveryThread_IncludingThoseStartedByCalls_IsBatchScheduled()
    {
        await using var app = await AppProcess.StartAsync(Path.Combine(_directory, "qdn.db"));
        await PlaceCallsAsync(app);

        var threads = Policies(app.ProcessId);

        Assert.Contains("QDN call writer", threads.Keys);
        Assert.True(threads.Count > 10, $"Only {threads.Count} threads were seen.");
        Assert.All(threads, thread => Assert.True(thread.Value == BatchScheduling.BatchPolicy, $"{thread.Key} has policy {thread.Value}"));
    }

    [Fact]
    public async Task TurnedOff_EveryThread_KeepsThePolicyTheAppWasStartedWith()
    {
        // A started process takes its starter's policy: this test process's, the default unless someone changed it.
        var startedWith = Policy($"/proc/{Environment.ProcessId}/task/{Environment.ProcessId}");
        await using var app = await AppProcess.StartAsync(
            Path.Combine(_directory, "qdn.db"), new Dictionary<string, string> { [BatchScheduling.Variable] = "off" });
        await PlaceCallsAsync(app);

        var threads = Policies(app.ProcessId);

        Assert.True(startedWith == BatchScheduling.DefaultPolicy, "Run the tests with the default policy: only then can off be told from on.");
        Assert.Contains("QDN call writer", threads.Keys);
        Assert.All(threads, thread => Assert.True(thread.Value == startedWith, $"{thread.Key} has policy {thread.Value}"));
    }

    [Fact]
    public async Task AnUnknownValue_IsReported_AndBatchSchedulingStaysOn()
    {
        await using var app = await AppProcess.StartAsync(
            Path.Combine(_directory, "qdn.db"), new Dictionary<string, string> { [BatchScheduling.Variable] = "maybe" });
        await PlaceCallsAsync(app);

        var threads = Policies(app.ProcessId);

        Assert.Contains("QDN_BATCH_SCHEDULING=maybe is not 0/false/off or 1/true/on; batch scheduling stays on", app.Output, StringComparison.Ordinal);
        Assert.All(threads, thread => Assert.True(thread.Value == BatchScheduling.BatchPolicy, $"{thread.Key} has policy {thread.Value}"));
    }

    /// <summary>Sixteen calls at once, so the app starts the threads that answer webhooks and the one that stores them.</summary>
    private static async Task PlaceCallsAsync(AppProcess app)
    {
        using var http = app.CreateClient();
        var twilio = new TwilioWebhookClient(http);
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => twilio.PostAsync(InboundCall, Inbound(NewCallSid()))));
        Assert.All(replies, reply => Assert.Equal((200, Sergio), (reply.Status, reply.DialedNumber)));
    }

    /// <summary>A thread's scheduling policy: field 41 of /proc/PID/task/TID/stat.</summary>
    private static int Policy(string task)
    {
        // The name, in parentheses, may hold spaces: the fields after its closing parenthesis start at field 3.
        var stat = File.ReadAllText(Path.Combine(task, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[41 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each thread's name (with its id, names repeat) and scheduling policy.</summary>
    private static Dictionary<string, int> Policies(int processId)
    {
        var policies = new Dictionary<string, int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                policies[policies.ContainsKey(name) ? $"{name} ({Path.GetFileName(task)})" : name] = Policy(task);
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return policies;
    }
}
