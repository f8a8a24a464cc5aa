using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// Reads a call for a webhook: the stored row, the reply already given to the request (a Twilio retry) and the
/// timeline's last sequence. Webhooks after the first of a call all read it.
/// <list type="bullet">
/// <item>Calls in progress are remembered as this app last committed them (<see cref="Remember"/>), so the next
/// webhook of a call decides without touching the store. That copy may be stale (another app instance, a
/// reconciliation, a Twilio retry of an answered request): the writer's optimistic checks then refuse the write as a
/// conflict, and the journal reads again from the store (<c>fromStore</c>). A call that has ended is forgotten; after
/// a restart nothing is remembered, and the store answers.</item>
/// <item>The store is read with one statement, prepared once per connection on SQLite's own handle, the connections
/// kept in a small pool: no context, no command, no reader per request. A read is synchronous, as every SQLite call
/// is (Microsoft.Data.Sqlite's async methods run synchronously too): microseconds from the page cache, and at most the
/// connection's busy timeout when another process holds a lock, inside the webhook's budget.</item>
/// </list>
/// When the store fails, <see cref="CallWriter"/> clears both (<see cref="Clear"/>): a connection may still be open on
/// a file deleted or replaced since, and what was remembered may not be in the file that comes back.
/// </summary>
public sealed class CallReader(IDbContextFactory<QdnDbContext> dbFactory) : IDisposable
{
    /// <summary>Idle connections kept; more are opened under a burst and closed when it is over.</summary>
    private const int MaxIdle = 32;

    /// <summary>
    /// Calls in progress remembered at most; past it all are forgotten (a miss only costs a read). Far above the calls
    /// a business has ringing at once, and small enough that entries die young.
    /// </summary>
    public const int MaxRemembered = 1024;

    private readonly ConcurrentQueue<Session> _idle = new();
    private readonly ConcurrentDictionary<string, Remembered> _inProgress = new(StringComparer.Ordinal);
    private int _idleCount;
    private int _rememberedCount;
    private int _generation;

    /// <summary>
    /// The call with this CallSid and its reply to <paramref name="requestKey"/>; null when the call is not stored.
    /// Unless <paramref name="fromStore"/>, a call in progress comes as this app last committed it, with no reply.
    /// </summary>
    public StoredCall? Find(string callSid, string requestKey, bool fromStore = false)
    {
        if (!fromStore && _inProgress.TryGetValue(callSid, out var remembered))
        {
            // A copy each time: the caller changes the call while it decides.
            return new StoredCall(CopyOf(remembered.Call), null, remembered.LastSequence);
        }

        var session = Rent();
        StoredCall? found;
        try
        {
            found = session.Find(callSid, requestKey);
        }
        catch
        {
            // Whatever failed (a locked or missing file), this connection is not trusted again.
            session.Dispose();
            throw;
        }

        Return(session);
        return found;
    }

    /// <summary>The call as just committed, its timeline ending at <paramref name="lastSequence"/>; an ended call is forgotten.</summary>
    public void Remember(Call call, int lastSequence)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.EndedAtUtc is not null)
        {
            Forget(call.CallSid);
            return;
        }

        var remembered = new Remembered(CopyOf(call), lastSequence);
        if (_inProgress.TryGetValue(call.CallSid, out _))
        {
            _inProgress[call.CallSid] = remembered;
            return;
        }

        // Counted here, not by the dictionary: its Count takes every one of its locks.
        if (Interlocked.Increment(ref _rememberedCount) > MaxRemembered)
        {
            _inProgress.Clear();
            Interlocked.Exchange(ref _rememberedCount, 1);
        }

        if (!_inProgress.TryAdd(call.CallSid, remembered))
        {
            Interlocked.Decrement(ref _rememberedCount);
            _inProgress[call.CallSid] = remembered;
        }
    }

    /// <summary>Drops what is remembered of the call: the next read goes to the store.</summary>
    public void Forget(string callSid)
    {
        if (_inProgress.TryRemove(callSid, out _))
        {
            Interlocked.Decrement(ref _rememberedCount);
        }
    }

    /// <summary>How many calls in progress are remembered.</summary>
    public int RememberedCount => _inProgress.Count;

    /// <summary>The call's row without its timeline (events are written once, by the request that added them).</summary>
    internal static Call CopyOf(Call c) => new()
    {
        Id = c.Id,
        CallSid = c.CallSid,
        LineId = c.LineId,
        From = c.From,
        To = c.To,
        CallerName = c.CallerName,
        StartedAtUtc = c.StartedAtUtc,
        AnsweredAtUtc = c.AnsweredAtUtc,
        EndedAtUtc = c.EndedAtUtc,
        DurationSeconds = c.DurationSeconds,
        TwilioStatus = c.TwilioStatus,
        Disposition = c.Disposition,
        AnsweredStepPosition = c.AnsweredStepPosition,
        AnsweredPersonId = c.AnsweredPersonId,
        AnsweredByName = c.AnsweredByName,
        VoicemailReason = c.VoicemailReason,
        IsTest = c.IsTest,
    };

    /// <summary>Forgets every call in progress and closes every idle connection (those in use close when they come back).</summary>
    public void Clear()
    {
        _inProgress.Clear();
        Interlocked.Exchange(ref _rememberedCount, 0);
        Interlocked.Increment(ref _generation);
        while (TryTakeIdle(out var session))
        {
            session.Dispose();
        }
    }

    public void Dispose() => Clear();

    private Session Rent()
    {
        var generation = Volatile.Read(ref _generation);
        while (TryTakeIdle(out var session))
        {
            if (session.Generation == generation)
            {
                return session;
            }

            session.Dispose(); // put back while the pool was being cleared
        }

        return new Session(dbFactory, generation);
    }

    private void Return(Session session)
    {
        if (session.Generation == Volatile.Read(ref _generation))
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(session);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        session.Dispose();
    }

    private bool TryTakeIdle(out Session session)
    {
        if (_idle.TryDequeue(out session!))
        {
            Interlocked.Decrement(ref _idleCount);
            return true;
        }

        return false;
    }

    private sealed record Remembered(Call Call, int LastSequence);

    /// <summary>One connection with the call's SELECT prepared on it; used by one request at a time.</summary>
    private sealed class Session : IDisposable
    {
        private readonly QdnDbContext _db;
        private readonly SqliteStatement _select;

        public Session(IDbContextFactory<QdnDbContext> dbFactory, int generation)
        {
            Generation = generation;
            _db = OwnConnection.Open(dbFactory);
            try
            {
                var connection = OwnConnection.Connection(_db);
                // Read only. A small page cache: SQLite empties a reader's cache whenever another connection has
                // written since its last read, which under load is every read, so a large one would only hold memory.
                OwnConnection.Execute(connection, "PRAGMA query_only=1");
                OwnConnection.Execute(connection, "PRAGMA cache_size=-256");
                _select = new SqliteStatement(connection, CallSql.SelectCall, [.. CallSql.FindCallParameters, "RequestKey"]);
            }
            catch
            {
                _db.Dispose();
                throw;
            }
        }

        public int Generation { get; }

        public StoredCall? Find(string callSid, string requestKey)
        {
            CallSql.BindFind(_select, callSid);
            _select.Bind(2, requestKey);
            return _select.QueryFirst(CallSql.ReadCall);
        }

        public void Dispose()
        {
            _select.Dispose();
            _db.Dispose();
        }
    }
}
