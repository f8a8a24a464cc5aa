using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// The store breaks under a running app and comes back. A call arrives during the outage and is followed the way
/// Twilio would (each dialed phone does not answer) until the voicemail greeting; after the repair the same call
/// leaves its message and ends, and a new call goes through normally. Both are then read from the file on disk.
/// </summary>
public sealed class StoreOutage(QdnAppFactory app)
{
    /// <summary>Twilio waits 15 s for a webhook answer, then gives up on it.</summary>
    private static readonly TimeSpan TwilioPatience = TimeSpan.FromSeconds(15);

    private readonly TwilioWebhookClient _twilio = new(CreateClient(app));

    /// <summary>What the call during the outage was answered, in order: the inbound call, then each dial result.</summary>
    public List<TwiMLReply> DuringOutage { get; } = [];

    public string OutageCallSid { get; } = NewCallSid();

    public string LaterCallSid { get; } = NewCallSid();

    /// <summary>A normal call first, so the store and the line are loaded (the in-memory line is what the safe path uses).</summary>
    public async Task WarmUpAsync()
    {
        var reply = await _twilio.PostAsync(InboundCall, Inbound(NewCallSid()));
        Assert.Equal(Sergio, reply.DialedNumber);
    }

    /// <summary>Places the outage call up to its voicemail greeting; every answer must reach a phone or the voicemail.</summary>
    public async Task CallDuringOutageAsync()
    {
        var reply = await _twilio.PostAsync(InboundCall, Inbound(OutageCallSid));
        DuringOutage.Add(reply);
        while (reply.DialAction is { } next && DuringOutage.Count <= 3)
        {
            reply = await _twilio.PostAsync(next, NoAnswer(OutageCallSid));
            DuringOutage.Add(reply);
        }

        Assert.All(DuringOutage, r => Assert.Equal(200, r.Status));
        Assert.All(DuringOutage, r => Assert.True(StoreFile.IsTwiML(r.Body) && (r.DialedNumber is not null || r.RecordAction is not null), r.Body));
        Assert.NotNull(DuringOutage[^1].RecordAction);
    }

    /// <summary>The dialed numbers the outage call went through: the safe path is [Backup] (then the greeting).</summary>
    public IEnumerable<string?> DialedDuringOutage => DuringOutage.Where(r => r.Dial is not null).Select(r => r.DialedNumber);

    /// <summary>After the repair: the outage call's message and end, then a new call answered by Backup; both stored on disk.</summary>
    public async Task<(StoredCall Outage, StoredCall Later)> CallsAfterRecoveryAsync()
    {
        var thanks = await _twilio.PostAsync(DuringOutage[^1].RecordAction!, Recording(OutageCallSid));
        var ended = await _twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(OutageCallSid, "completed").With(("CallDuration", "40")));
        var ringing = await _twilio.PostAsync(InboundCall, Inbound(LaterCallSid));
        var backup = await _twilio.PostAsync(ringing.DialAction!, NoAnswer(LaterCallSid));

        Assert.Equal((200, 200), (thanks.Status, ended.Status));
        Assert.Equal(["Say", "Hangup"], thanks.Verbs);
        Assert.True((ringing.DialedNumber, backup.DialedNumber) == (Sergio, Backup),
            $"After the repair a new call still took the safe path (rang {ringing.DialedNumber}, then {backup.DialedNumber ?? "voicemail"}). "
            + $"The app's last error: {LastError()}");
        var answered = await _twilio.PostAsync(backup.DialAction!, Answered(LaterCallSid));
        Assert.Equal(200, answered.Status);
        Assert.Equal("ok", StoreFile.IntegrityCheck(app.DatabasePath));
        var stored = StoreFile.Calls(app.DatabasePath);
        Assert.True(stored.ContainsKey(OutageCallSid), "The outage call's later requests are not in the database file.");
        Assert.True(stored.ContainsKey(LaterCallSid), "A call after the repair is not in the database file.");
        Assert.Empty(stored.Values.SelectMany(c => c.Problems()));
        Assert.Equal(("Voicemail", "Answered"), (stored[OutageCallSid].Disposition, stored[LaterCallSid].Disposition));
        return (stored[OutageCallSid], stored[LaterCallSid]);
    }

    /// <summary>The exception lines of the last error the app logged.</summary>
    private string LastError() =>
        app.Logs.Lines.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal)) is { } error
            ? string.Join(" / ", error.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal)).Select(l => l.Trim()).Take(2))
            : "none";

    private static HttpClient CreateClient(QdnAppFactory app)
    {
        var http = app.CreateClient();
        http.Timeout = TwilioPatience;
        return http;
    }
}
