using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

public sealed class IdempotencyAndResilienceTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RetriedWebhooks_SameAnswerAndNothingStoredTwice()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var form = TwilioWebhookClient.CallParameters(sid);
        var first = await twilio.PostAsync("/twilio/inbound-call", form);
        await _app.SetAvailableAsync("Sergio", available: false); // a retry must not re-decide
        var retry = await twilio.PostAsync("/twilio/inbound-call", form);
        var dial = DialEnded(sid, "no-answer", null, "ringing");
        var second = await twilio.PostAsync(first.DialAction!, dial);
        var secondRetry = await twilio.PostAsync(first.DialAction!, dial);
        var third = await twilio.PostAsync(second.DialAction!, DialEnded(sid, "no-answer", null, "ringing"));
        var recording = TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE00000000000000000000000000000002"),
            ("RecordingSid", "RE00000000000000000000000000000002"),
            ("RecordingDuration", "7"));
        await twilio.PostAsync(third.RecordAction!, recording);
        await twilio.PostAsync(third.RecordAction!, recording);
        var status = TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "60"));
        await twilio.PostAsync("/twilio/call-status", status);
        await twilio.PostAsync("/twilio/call-status", status);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(second.Body, secondRetry.Body);
        var calls = await _app.DbAsync(db => db.Calls.CountAsync(c => c.CallSid == sid));
        var events = (await _app.CallAsync(sid)).Events.Count;
        var voicemails = await _app.DbAsync(db => db.Voicemails.CountAsync(v => v.RecordingSid == "RE00000000000000000000000000000002"));
        // Received, ringing Sergio, ended, ringing Backup, ended, greeting, recorded, call ended.
        Assert.Equal((1, 8, 1), (calls, events, voicemails));
    }

    /// <summary>
    /// This app remembers a call in progress as it last committed it. Another app instance sharing the store (or a
    /// reconciliation) may have moved the call on since: the request must follow the store, never the memory.
    /// </summary>
    [Fact]
    public async Task CallMovedOnElsewhere_NextWebhookFollowsTheStore()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var ringing = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        // Elsewhere: Sergio's dial ended and was answered with a ring to Backup, stored with its event.
        var elsewhere = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>answered elsewhere</Say></Response>";
        await _app.DbAsync(async db =>
        {
            var call = await db.Calls.SingleAsync(c => c.CallSid == sid);
            db.CallEvents.Add(new CallEvent { CallId = call.Id, Sequence = 2, AtUtc = DateTime.UtcNow, Kind = CallEventKind.DialEnded, Reason = "elsewhere" });
            db.CallRequests.Add(new CallRequest { CallId = call.Id, RequestKey = "dial:0", ReceivedAtUtc = DateTime.UtcNow, Response = elsewhere });
            return await db.SaveChangesAsync();
        });

        var repeated = await twilio.PostAsync(ringing.DialAction!, DialEnded(sid, "no-answer", null, "ringing"));
        var next = await twilio.PostAsync("/twilio/dial-result?line=qdn&step=1", DialEnded(sid, "no-answer", null, "ringing"));

        Assert.Equal(elsewhere, repeated.Body);
        Assert.NotNull(next.RecordAction); // Backup did not answer either: the voicemail greeting
        var events = (await _app.CallAsync(sid)).Events.OrderBy(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Sequence));
        Assert.Equal("elsewhere", events[2].Reason);
    }

    [Fact]
    public async Task ConcurrentDuplicateInbound_OneCallOneAnswer()
    {
        var twilio = _app.Twilio();
        var form = TwilioWebhookClient.CallParameters(NewCallSid());

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => twilio.PostAsync("/twilio/inbound-call", form)));

        Assert.All(replies, r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Equal(1, await _app.DbAsync(db => db.Calls.CountAsync(c => c.CallSid == form["CallSid"])));
    }

    /// <summary>
    /// Calls are indexed by a 64-bit hash of the CallSid. Two CallSids may share one: each must still be its own call,
    /// and a webhook must find its own (read from the store, not from what this app remembers).
    /// </summary>
    [Fact]
    public async Task TwoCallSidsSharingAHash_AreStoredAndRoutedApart()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var other = NewCallSid();
        await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(other));
        // The other call made to share the new call's hash, as a collision would.
        await _app.DbAsync(db => db.Calls.Where(c => c.CallSid == other)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CallSidHash, CallSidHash.Of(sid))));

        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        _app.Services.GetRequiredService<CallReader>().Clear();
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", null, "ringing"));

        Assert.Equal((Sergio, Backup), (first.DialedNumber, second.DialedNumber));
        var calls = await _app.DbAsync(db => db.Calls.AsNoTracking().Include(c => c.Events)
            .Where(c => c.CallSidHash == CallSidHash.Of(sid)).ToDictionaryAsync(c => c.CallSid));
        Assert.Equal(new[] { other, sid }.Order(StringComparer.Ordinal), calls.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((CallDisposition.InProgress, 4), (calls[sid].Disposition, calls[sid].Events.Count));
        Assert.Equal(2, calls[other].Events.Count); // received, ringing Sergio: untouched by the new call's webhooks
    }

    /// <summary>
    /// Calls are indexed bucket by bucket (2^BucketBits ids each, Data.CallSidHash): a call stored buckets ago must still be
    /// found by its retries and callbacks, and never be added a second time.
    /// </summary>
    [Fact]
    public async Task CallInAnOlderBucket_IsFoundByRetryAndCallback_AndNeverAddedTwice()
    {
        var twilio = _app.Twilio();
        var old = NewCallSid();
        var form = TwilioWebhookClient.CallParameters(old);
        var first = await twilio.PostAsync("/twilio/inbound-call", form);
        // Three buckets of calls later: a call stored with the id that opens bucket 3, then a new call after it.
        await _app.DbAsync(async db =>
        {
            var filler = new Call { Id = 3L << CallSidHash.BucketBits, CallSid = NewCallSid(), LineId = "qdn", From = "+16195550100", To = "+18585550100" };
            db.Calls.Add(filler);
            return await db.SaveChangesAsync();
        });
        var recent = NewCallSid();
        await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(recent));
        _app.Services.GetRequiredService<CallReader>().Clear(); // from the store, not from memory

        var retry = await twilio.PostAsync("/twilio/inbound-call", form);
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(old, "no-answer", null, "ringing"));
        // And the writer's own check, without the reader's: the stored call is refused as new.
        var again = new Call { CallSid = old, LineId = "qdn", From = "+16195550199", To = "+18585550100" };
        var outcome = await _app.Services.GetRequiredService<CallWriter>().WriteAsync(
            new CallWrite(again, null, true, null, "inbound", DateTime.UtcNow, "<Response/>"), CancellationToken.None);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(Backup, second.DialedNumber);
        Assert.Equal(WriteOutcome.Conflict, outcome);
        var buckets = await _app.DbAsync(db => db.Calls.Where(c => c.CallSid == old || c.CallSid == recent)
            .Select(c => new { c.CallSid, Bucket = EF.Property<long>(c, CallSidHash.BucketColumn) }).ToListAsync());
        Assert.Equal(
            new[] { (old, 0L), (recent, 3L) }.Order(),
            buckets.Select(b => (b.CallSid, b.Bucket)).Order());
        Assert.Equal(4, (await _app.CallAsync(old)).Events.Count); // received, ringing Sergio, ended, ringing Backup
    }

    /// <summary>
    /// The writer seeks the newest bucket as its transaction saw it when it began, raised by each call it adds: a batch
    /// whose first call opens a bucket must find that call there when a second write of the same CallSid follows in
    /// the same batch (a Twilio retry racing the original), and refuse it.
    /// </summary>
    [Fact]
    public async Task SameCallSidTwiceInOneBatch_ThatOpensABucket_IsStoredOnce()
    {
        var writer = _app.Services.GetRequiredService<CallWriter>();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid())); // the store is open
        // The last two ids of bucket 0 go to the next calls: the held write below takes the last, the batch after opens bucket 1.
        await _app.DbAsync(db =>
        {
            db.Calls.Add(new Call { Id = (1L << CallSidHash.BucketBits) - 2, CallSid = NewCallSid(), LineId = "qdn", From = "+16195550100", To = "+18585550100" });
            return db.SaveChangesAsync();
        });
        var sid = NewCallSid();
        Task<WriteOutcome> held, first, second;
        await using (var other = new SqliteConnection($"Data Source={_app.DatabasePath}"))
        {
            // Another connection holds the write lock: the writer waits with the held write as its batch, while the
            // two writes of one CallSid queue up behind it and so go into one batch together.
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE";
            await command.ExecuteNonQueryAsync();

            held = writer.WriteAsync(NewCallWrite(NewCallSid()), CancellationToken.None);
            await Task.Delay(300);
            first = writer.WriteAsync(NewCallWrite(sid), CancellationToken.None);
            second = writer.WriteAsync(NewCallWrite(sid), CancellationToken.None);
            Assert.False(held.IsCompleted);
            command.CommandText = "ROLLBACK"; // a pooled connection would keep its transaction past the using
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal([WriteOutcome.Committed, WriteOutcome.Committed, WriteOutcome.Conflict], await Task.WhenAll(held, first, second));
        var stored = await _app.DbAsync(db => db.Calls.Where(c => c.CallSid == sid)
            .Select(c => EF.Property<long>(c, CallSidHash.BucketColumn)).ToListAsync());
        Assert.Equal([1L], stored);
    }

    private static CallWrite NewCallWrite(string callSid) =>
        new(new Call { CallSid = callSid, LineId = "qdn", From = "+16195550199", To = "+18585550100" }, null, true, null, "inbound", DateTime.UtcNow, "<Response/>");

    [Fact]
    public async Task DatabaseUnusableMidRun_CallerStillReachesBackupThenVoicemail()
    {
        var twilio = _app.Twilio();
        await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        _app.MakeDatabaseUnusable();
        var sid = NewCallSid();

        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", null, "ringing"));
        var thanks = await twilio.PostAsync(second.RecordAction!, TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingSid", "RE00000000000000000000000000000003"), ("RecordingUrl", "https://api.twilio.com/x"), ("RecordingDuration", "5")));

        Assert.Equal((200, Backup), (first.Status, first.DialedNumber));
        Assert.Equal("/twilio/dial-result?line=qdn&step=1", first.DialAction);
        Assert.Equal(["Say", "Record", "Say", "Hangup"], second.Verbs);
        Assert.Equal(["Say", "Hangup"], thanks.Verbs);
    }

    [Fact]
    public async Task Fallback_AnswersFromMemoryWithBackupPhone()
    {
        _app.MakeDatabaseUnusable();
        var sid = NewCallSid();

        var reply = await _app.Twilio().PostAsync("/twilio/fallback", TwilioWebhookClient.CallParameters(sid).With(
            ("ErrorCode", "11200"), ("ErrorUrl", "https://qdn.example.com/twilio/inbound-call")));

        Assert.Equal((200, Backup), (reply.Status, reply.DialedNumber));
    }

    [Fact]
    public async Task Fallback_AfterFailedDialResult_GoesToVoicemailWhenBackupWasTried()
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync("/twilio/fallback", DialEnded(sid, "no-answer", null, "ringing").With(
            ("ErrorCode", "11205"), ("ErrorUrl", "https://qdn.example.com/twilio/dial-result?line=qdn&step=1")));

        Assert.NotNull(reply.RecordAction);
    }

    [Fact]
    public async Task StatusCallback_ForCallAnsweredBySafePath_CreatesTheRecordLater()
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "30")));

        Assert.Equal(200, reply.Status);
        var call = await _app.CallAsync(sid);
        Assert.Equal(("qdn", "completed"), (call.LineId, call.TwilioStatus));
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.SafePath);
    }

    [Theory]
    [InlineData("/twilio/dial-result?line=qdn&step=abc")]
    [InlineData("/twilio/dial-result?line=nope&step=-4")]
    [InlineData("/twilio/voicemail?line=qdn&reason=Bogus")]
    [InlineData("/twilio/screen?line=qdn&step=x&call=")]
    public async Task MalformedQuery_SignedRequest_StillGetsValidTwiML(string url)
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync(url, DialEnded(sid, "no-answer", null, "ringing"));

        Assert.Equal(200, reply.Status);
        Assert.Equal("Response", reply.Root.Name.LocalName);
    }
}
