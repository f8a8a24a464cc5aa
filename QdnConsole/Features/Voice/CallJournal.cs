using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.LiveFeed;

namespace QdnConsole.Features.Voice;

/// <summary>
/// One webhook request's write: the call, its new timeline events and the TwiML answer, in one transaction.
/// A request Twilio retries finds its stored answer and gets it again, so nothing is recorded twice.
/// </summary>
public sealed partial class CallJournal(IDbContextFactory<QdnDbContext> dbFactory, TimeProvider clock, ConsoleFeed feed, ILogger<CallJournal> logger) : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="work"/> for the call once per request key and stores its answer. When the call is not
    /// stored yet, <paramref name="createCall"/> makes it at the given time (null: nothing to record, the work gets no call).
    /// </summary>
    public async Task<string> ReplyOnceAsync(
        string callSid,
        string requestKey,
        Func<QdnDbContext, DateTime, Task<Call?>> createCall,
        Func<CallEntry, Task<string>> work,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryReplyAsync(callSid, requestKey, createCall, work, ct);
            }
            catch (DbUpdateException ex) when (attempt == 1)
            {
                // A concurrent duplicate (Twilio retry racing the original) won the insert: answer as it did.
                LogConcurrentRetry(logger, callSid, requestKey, ex.InnerException?.Message ?? ex.Message);
            }
        }
    }

    private async Task<string> TryReplyAsync(
        string callSid,
        string requestKey,
        Func<QdnDbContext, DateTime, Task<Call?>> createCall,
        Func<CallEntry, Task<string>> work,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var call = await db.Calls.FirstOrDefaultAsync(c => c.CallSid == callSid, ct);
        var nextSequence = 0;
        if (call is not null)
        {
            var stored = await db.CallRequests.AsNoTracking()
                .Where(r => r.CallId == call.Id && r.RequestKey == requestKey)
                .Select(r => r.Response)
                .FirstOrDefaultAsync(ct);
            if (stored is not null)
            {
                LogRetryServed(logger, callSid, requestKey);
                return stored;
            }

            nextSequence = 1 + (await db.CallEvents.Where(e => e.CallId == call.Id).MaxAsync(e => (int?)e.Sequence, ct) ?? -1);
        }
        else
        {
            call = await createCall(db, now);
            if (call is null)
            {
                return await work(new CallEntry(db, null, now, 0));
            }

            db.Calls.Add(call);
        }

        var entry = new CallEntry(db, call, now, nextSequence);
        var response = await work(entry);
        db.CallRequests.Add(new CallRequest { Call = call, RequestKey = requestKey, ReceivedAtUtc = now, Response = response });
        // One webhook write at a time, queued here in order instead of in SQLite's busy-retry sleeps.
        await _writeGate.WaitAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _writeGate.Release();
        }

        feed.Publish(new CallUpdated(now, call.Id, call.CallSid, call.LineId, entry.LastReason ?? call.Disposition.ToString()));
        return response;
    }

    public void Dispose() => _writeGate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: repeated request {RequestKey} answered from the store")]
    private static partial void LogRetryServed(ILogger logger, string callSid, string requestKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: concurrent duplicate of {RequestKey} ({Detail}); answering from the store")]
    private static partial void LogConcurrentRetry(ILogger logger, string callSid, string requestKey, string detail);
}

/// <summary>The call being updated by one request, with a timeline that numbers its events in order.</summary>
public sealed class CallEntry(QdnDbContext db, Call? call, DateTime nowUtc, int nextSequence)
{
    private int _sequence = nextSequence;

    public QdnDbContext Db => db;

    public Call? Call => call;

    public DateTime NowUtc => nowUtc;

    public string? LastReason { get; private set; }

    public void Add(
        CallEventKind kind,
        string reason,
        int? step = null,
        string? person = null,
        string? target = null,
        string? outcome = null,
        int? durationSeconds = null)
    {
        if (call is null)
        {
            return;
        }

        call.Events.Add(new CallEvent
        {
            Sequence = _sequence++,
            AtUtc = nowUtc,
            Kind = kind,
            StepPosition = step,
            PersonName = person,
            Target = target,
            Outcome = outcome,
            Reason = reason.Length <= 500 ? reason : reason[..500],
            DurationSeconds = durationSeconds,
        });
        LastReason = reason;
    }
}
