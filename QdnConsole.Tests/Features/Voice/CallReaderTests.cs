using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>
/// Webhooks read a call with their own SQL on SQLite's handle, not through EF: what EF stored must come back field for
/// field (times to the tick, as UTC), with the reply stored for the request and the timeline's last sequence.
/// </summary>
public sealed class CallReaderTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private CallReader Reader => _app.Services.GetRequiredService<CallReader>();

    public static TheoryData<bool> Fullness() => [true, false];

    [Theory]
    [MemberData(nameof(Fullness))]
    public async Task Find_ReturnsTheCallAsEfStoredIt(bool everyFieldSet)
    {
        var stored = NewCall("CA" + new string(everyFieldSet ? '1' : '2', 32), everyFieldSet);
        await SaveAsync(stored, ("dial:0", "<Response><Dial>+18583354807</Dial></Response>"));

        var found = Reader.Find(stored.CallSid, "dial:0");

        Assert.NotNull(found);
        Assert.Equivalent(Fields(stored), Fields(found.Call), strict: true);
        Assert.All(Times(found.Call), t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.Equal("<Response><Dial>+18583354807</Dial></Response>", found.StoredReply);
        Assert.Equal(2, found.LastSequence);
    }

    [Fact]
    public async Task Find_OtherRequestOrNoEvents_NoReplyAndNoSequence()
    {
        var stored = NewCall("CA" + new string('3', 32), everyFieldSet: false);
        stored.Events.Clear();
        await SaveAsync(stored, ("inbound", "<Response/>"));

        var found = Reader.Find(stored.CallSid, "voicemail");

        Assert.NotNull(found);
        Assert.Null(found.StoredReply);
        Assert.Equal(-1, found.LastSequence);
        Assert.Null(Reader.Find("CA" + new string('4', 32), "inbound"));
    }

    [Fact]
    public async Task Find_RememberedCall_ComesAsCommittedWithoutTheStore_AndACopyEachTime()
    {
        var stored = NewCall("CA" + new string('6', 32), everyFieldSet: false);
        await SaveAsync(stored, ("inbound", "<Response/>"));
        stored.Disposition = CallDisposition.Answered; // as this app committed it; the file says InProgress
        Reader.Remember(stored, 7);

        var remembered = Reader.Find(stored.CallSid, "inbound")!;
        remembered.Call.Disposition = CallDisposition.Missed; // a request deciding must not change what is remembered

        Assert.Equal((CallDisposition.Answered, 7, null), (Reader.Find(stored.CallSid, "inbound")!.Call.Disposition, remembered.LastSequence, remembered.StoredReply));
        Assert.Empty(remembered.Call.Events);
        var fromStore = Reader.Find(stored.CallSid, "inbound", fromStore: true)!;
        Assert.Equal((CallDisposition.InProgress, 2, "<Response/>"), (fromStore.Call.Disposition, fromStore.LastSequence, fromStore.StoredReply));
    }

    [Fact]
    public void Remember_EndedCall_IsForgotten_AndClearForgetsAll()
    {
        var ended = NewCall("CA" + new string('7', 32), everyFieldSet: true); // EndedAtUtc set
        var ringing = NewCall("CA" + new string('8', 32), everyFieldSet: false);
        ringing.Id = 42;
        Reader.Remember(ringing, 0);
        Reader.Remember(ended, 5);

        Assert.Equal(1, Reader.RememberedCount);
        Reader.Clear();
        Assert.Equal(0, Reader.RememberedCount);
    }

    /// <summary>A field added to <see cref="Call"/> and not copied would silently be lost by the next webhook's write.</summary>
    [Fact]
    public void CopyOf_CopiesEveryFieldButTheTimeline()
    {
        var call = NewCall("CA" + new string('9', 32), everyFieldSet: true);
        call.Id = 99;

        var copy = CallReader.CopyOf(call);

        foreach (var property in typeof(Call).GetProperties().Where(p => p.Name != nameof(Call.Events)))
        {
            var original = property.GetValue(call);
            var unset = property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null;
            Assert.False(Equals(original, unset), $"{property.Name}: give it a value in NewCall so this test covers it");
            Assert.True(Equals(original, property.GetValue(copy)), $"{property.Name} is not copied");
        }

        Assert.Empty(copy.Events);
    }

    /// <summary>An open connection keeps reading a file deleted or replaced since; the writer clears the pool when it finds the store failing.</summary>
    [Fact]
    public async Task Find_StoreReplacedThenCleared_ReadsTheNewFile()
    {
        var stored = NewCall("CA" + new string('5', 32), everyFieldSet: false);
        await SaveAsync(stored, ("inbound", "<Response/>"));
        Assert.NotNull(Reader.Find(stored.CallSid, "inbound")); // a pooled connection is open on the file now

        ReplaceStore(copy => copy.Calls.Where(c => c.Id == stored.Id).ExecuteUpdate(s => s.SetProperty(c => c.Disposition, CallDisposition.Missed)));
        var beforeClear = Reader.Find(stored.CallSid, "inbound")!.Call.Disposition;
        Reader.Clear();

        Assert.Equal(CallDisposition.InProgress, beforeClear);
        Assert.Equal(CallDisposition.Missed, Reader.Find(stored.CallSid, "inbound")!.Call.Disposition);
    }

    /// <summary>As an operator restores a backup: a changed copy renamed over the store, its WAL files removed.</summary>
    private void ReplaceStore(Action<QdnDbContext> change)
    {
        var copy = _app.DatabasePath + ".restore";
        using (var source = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            source.BackupDatabase(target);
        }

        using (var db = new QdnDbContext(new DbContextOptionsBuilder<QdnDbContext>().UseSqlite($"Data Source={copy};Pooling=False").Options))
        {
            change(db);
        }

        File.Delete(_app.DatabasePath + "-wal");
        File.Delete(_app.DatabasePath + "-shm");
        File.Move(copy, _app.DatabasePath, overwrite: true);
    }

    private static Call NewCall(string callSid, bool everyFieldSet)
    {
        var started = new DateTime(2026, 11, 21, 17, 5, 9, DateTimeKind.Utc).AddTicks(1234567);
        var call = new Call
        {
            CallSid = callSid,
            LineId = "qdn",
            From = "+16195550199",
            To = "+18585550100",
            StartedAtUtc = everyFieldSet ? started : started.AddTicks(-1234567), // a whole second: no fraction stored
            Disposition = everyFieldSet ? CallDisposition.Voicemail : CallDisposition.InProgress,
        };
        if (everyFieldSet)
        {
            call.CallerName = "Zoë Ñandú";
            call.AnsweredAtUtc = started.AddSeconds(20).AddTicks(1);
            call.EndedAtUtc = started.AddMinutes(3).AddTicks(1000);
            call.DurationSeconds = 180;
            call.TwilioStatus = "completed";
            call.AnsweredStepPosition = 1;
            call.AnsweredPersonId = 7;
            call.AnsweredByName = "Backup";
            call.VoicemailReason = VoicemailReason.Maintenance;
            call.IsTest = true;
        }

        for (var sequence = 0; sequence < 3; sequence++)
        {
            call.Events.Add(new CallEvent { Sequence = sequence, AtUtc = started, Kind = CallEventKind.Ringing, Reason = "test" });
        }

        return call;
    }

    private async Task SaveAsync(Call call, params (string Key, string Response)[] replies)
    {
        await _app.DbAsync(async db =>
        {
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            db.CallRequests.AddRange(replies.Select(r => new CallRequest { CallId = call.Id, RequestKey = r.Key, ReceivedAtUtc = call.StartedAtUtc, Response = r.Response }));
            return await db.SaveChangesAsync();
        });
    }

    private static object Fields(Call c) => new
    {
        c.Id, c.CallSid, c.LineId, c.From, c.To, c.CallerName, c.StartedAtUtc, c.AnsweredAtUtc, c.EndedAtUtc, c.DurationSeconds,
        c.TwilioStatus, c.Disposition, c.AnsweredStepPosition, c.AnsweredPersonId, c.AnsweredByName, c.VoicemailReason, c.IsTest,
    };

    private static IEnumerable<DateTime> Times(Call c) =>
        new[] { c.StartedAtUtc, c.AnsweredAtUtc, c.EndedAtUtc }.OfType<DateTime>();
}
