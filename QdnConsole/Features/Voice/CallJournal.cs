using QdnConsole.Data;
using QdnConsole.Features.LiveFeed;

namespace QdnConsole.Features.Voice;

/// <summary>
/// One webhook request of a call, recorded once: reads the call (and the answer already given, for a Twilio retry)
/// through <see cref="CallReader"/>, lets the router decide, and hands the call's changes, new timeline events and
/// the TwiML answer to <see cref="CallWriter"/>, which commits them with the other requests of the moment. A request
/// Twilio retries finds its stored answer and gets it again, so nothing is recorded twice.
/// </summary>
public sealed partial class CallJournal(
    CallReader reader,
    CallWriter writer,
    TimeProvider clock,
    ConsoleFeed feed,
    ILogger<CallJournal> logger)
{
    /// <summary>
    /// Runs <paramref name="work"/> for the call once per request key and stores its answer. When the call is not
    /// stored yet, <paramref name="createCall"/> makes it at the given time (null: nothing to record, the work gets no call).
    /// A request that normally starts a call (<paramref name="startsCall"/>) skips the read: the insert itself finds
    /// out when the call exists already (a Twilio retry), and the request is then read and answered like any other.
    /// </summary>
    public async Task<string> ReplyOnceAsync(
        string callSid,
        string requestKey,
        Func<DateTime, Task<Call?>> createCall,
        Func<CallEntry, Task<string>> work,
        CancellationToken ct,
        bool startsCall = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            ct.ThrowIfCancellationRequested();
            // A second attempt follows a conflict: what was read first was stale, so the store decides.
            var stored = startsCall && attempt == 1 ? null : reader.Find(callSid, requestKey, fromStore: attempt > 1);
            if (stored?.StoredReply is { } reply)
            {
                LogRetryServed(logger, callSid, requestKey);
                return reply;
            }

            var call = stored?.Call ?? await createCall(now);
            if (call is null)
            {
                return await work(new CallEntry(null, now, 0));
            }

            var before = ChangeableFields.Of(call);
            var entry = new CallEntry(call, now, (stored?.LastSequence ?? -1) + 1);
            var response = await work(entry);
            var write = new CallWrite(call, stored, ChangeableFields.Of(call) != before, entry.Voicemail, requestKey, now, response);
            if (await writer.WriteAsync(write, ct) == WriteOutcome.Committed)
            {
                reader.Remember(call, entry.LastSequence);
                feed.Publish(new CallUpdated(now, call.Id, call.CallSid, call.LineId, entry.LastReason ?? call.Disposition.ToString()));
                return response;
            }

            reader.Forget(callSid);

            if (attempt > 1)
            {
                throw new InvalidOperationException($"Call {callSid}: request {requestKey} kept conflicting with concurrent writes.");
            }

            // A concurrent request of the same call (a Twilio retry racing the original) was stored first: look again.
            LogConcurrentRetry(logger, callSid, requestKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: repeated request {RequestKey} answered from the store")]
    private static partial void LogRetryServed(ILogger logger, string callSid, string requestKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: a concurrent request was stored first; {RequestKey} reads the call again")]
    private static partial void LogConcurrentRetry(ILogger logger, string callSid, string requestKey);
}

/// <summary>The call being updated by one request, with a timeline that numbers its events in order.</summary>
public sealed class CallEntry(Call? call, DateTime nowUtc, int nextSequence)
{
    private int _sequence = nextSequence;

    /// <summary>The sequence of the timeline's last event, counting the events this request added.</summary>
    public int LastSequence => _sequence - 1;

    public Call? Call => call;

    public DateTime NowUtc => nowUtc;

    public string? LastReason { get; private set; }

    /// <summary>A message the caller left, stored with the call.</summary>
    public Voicemail? Voicemail { get; private set; }

    public void AddVoicemail(Voicemail voicemail) => Voicemail = voicemail;

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
