using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// Reads a call for a webhook: the stored row, the reply already given to the request (a Twilio retry) and the
/// timeline's last sequence, in one statement. Webhooks after the first of a call all read it, so the statement is
/// prepared once per connection on SQLite's own handle and the connections are kept in a small pool: no context,
/// no command, no reader per request. When the store fails, <see cref="CallWriter"/> clears the pool: a connection
/// may still be open on a file deleted or replaced since, and reads then open the file as it is now. A read is
/// synchronous, as every SQLite call is (Microsoft.Data.Sqlite's async methods run synchronously too): microseconds
/// from the page cache, and at most the connection's busy timeout when another process holds a lock, inside the
/// webhook's budget.
/// </summary>
public sealed class CallReader(IDbContextFactory<QdnDbContext> dbFactory) : IDisposable
{
    /// <summary>Idle connections kept; more are opened under a burst and closed when it is over.</summary>
    private const int MaxIdle = 32;

    private readonly ConcurrentQueue<Session> _idle = new();
    private int _idleCount;
    private int _generation;

    /// <summary>The call with this CallSid and its reply to <paramref name="requestKey"/>; null when the call is not stored.</summary>
    public StoredCall? Find(string callSid, string requestKey)
    {
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

    /// <summary>Closes every idle connection; connections in use are closed when they come back.</summary>
    public void Clear()
    {
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
                using (var setup = connection.CreateCommand())
                {
                    // Read only. A small page cache: SQLite empties a reader's cache whenever another connection has
                    // written since its last read, which under load is every read, so a large one would only hold memory.
                    setup.CommandText = "PRAGMA query_only=1; PRAGMA cache_size=-256;";
                    setup.ExecuteNonQuery();
                }

                _select = new SqliteStatement(connection, CallSql.SelectCall, ["CallSid", "RequestKey"]);
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
            _select.Bind(0, callSid);
            _select.Bind(1, requestKey);
            return _select.QueryFirst(CallSql.ReadCall);
        }

        public void Dispose()
        {
            _select.Dispose();
            _db.Dispose();
        }
    }
}
