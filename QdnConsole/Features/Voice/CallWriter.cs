using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>What became of one webhook's write.</summary>
public enum WriteOutcome
{
    /// <summary>Durable: committed before the webhook answers.</summary>
    Committed,

    /// <summary>
    /// Someone else wrote this call first (a Twilio retry racing the original, two callbacks of one call at once):
    /// nothing of this request was kept; read the call again and decide again.
    /// </summary>
    Conflict,
}

/// <summary>
/// One webhook's changes to one call: a new call or the changed fields of a loaded one, its new timeline events, a
/// voicemail, and the TwiML answer under its request key.
/// </summary>
public sealed class CallWrite(Call call, StoredCall? loaded, bool callChanged, Voicemail? voicemail, string requestKey, DateTime receivedAtUtc, string response)
{
    public Call Call => call;

    /// <summary>The call as read before deciding; null for a new call.</summary>
    public StoredCall? Loaded => loaded;

    public bool CallChanged => callChanged;

    public Voicemail? Voicemail => voicemail;

    public string RequestKey => requestKey;

    public DateTime ReceivedAtUtc => receivedAtUtc;

    public string Response => response;

    internal TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for webhook writes. SQLite admits one writer at a time and a commit costs far more than the rows in
/// it, so one loop drains every write waiting at that moment into one transaction (a conflicting write is undone
/// alone and reported as <see cref="WriteOutcome.Conflict"/>), one commit for all,
/// and only then is each request told — a call the webhook answered is in the database when the response leaves.
/// A failure of the store fails the whole batch; those requests answer with the safe path and the next batch opens
/// the database again (a file deleted and restored, a lock released). Lean SQL over the model's tables, prepared once
/// on SQLite's own handle: no change tracking, no per-execution command objects on the hot path. (The SQL itself is
/// plain ANSI with quoted identifiers, which PostgreSQL accepts too, and new ids come from SQLite's last insert; a
/// PostgreSQL store would bring its own statements (RETURNING the ids), and must take a savepoint around every write,
/// since it aborts a transaction on any failed one.)
/// </summary>
public sealed partial class CallWriter : IAsyncDisposable
{
    /// <summary>Enough to amortise a commit, small enough that one transaction never holds the writer long.</summary>
    public const int MaxBatch = 256;

    /// <summary>Closed buckets filtered as a batch starts, at most (each a read of up to 4,096 keys through the index, about a millisecond).</summary>
    private const int FiltersPerBatch = 2;

    private readonly IDbContextFactory<QdnDbContext> _dbFactory;
    private readonly CallReader _reader;
    private readonly WalCheckpointer _checkpointer;
    private readonly string? _databaseFile;
    private readonly ILogger<CallWriter> _logger;
    private readonly Channel<CallWrite> _queue = Channel.CreateUnbounded<CallWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Statements? _statements;
    private string? _walFile;

    public CallWriter(
        IDbContextFactory<QdnDbContext> dbFactory,
        CallReader reader,
        WalCheckpointer checkpointer,
        IConfiguration configuration,
        IHostEnvironment environment,
        ILogger<CallWriter> logger)
    {
        _dbFactory = dbFactory;
        _reader = reader;
        _checkpointer = checkpointer;
        _databaseFile = DataRegistration.DatabaseFile(configuration, environment.ContentRootPath);
        _logger = logger;
        // A thread of its own: SQLite's calls block, and a batch must never wait for a free pool thread.
        new Thread(Run) { IsBackground = true, Name = "QDN call writer" }.Start();
    }

    /// <summary>Queues the write and completes once it is committed (or known to conflict); throws when the store failed.</summary>
    public Task<WriteOutcome> WriteAsync(CallWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("The call store is shutting down.");
        }

        // The write may still commit after the caller stopped waiting (its budget ran out): the next request of the
        // call then finds it, as it would find a Twilio retry's.
        return write.Done.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task;
        _statements?.Dispose();
    }

    private void Run()
    {
        try
        {
            Drain();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Drain()
    {
        var batch = new List<CallWrite>(MaxBatch);
        var outcomes = new WriteOutcome[MaxBatch];
        while (WaitForWrites())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                Commit(batch, outcomes);
                _checkpointer.Committed(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception ex)
            {
                LogBatchFailed(_logger, ex, batch.Count);
                Reset();
                foreach (var write in batch)
                {
                    write.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Blocks this thread until a write waits (true) or the queue is closed and empty (false).</summary>
    private bool WaitForWrites()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<CallWrite> batch, WriteOutcome[] outcomes)
    {
        var statements = Open();
        if (_walFile is not null && _checkpointer.TakeFinishing())
        {
            // The checkpointer has just copied the log; copy what was written since, so this transaction starts it over.
            OwnConnection.Execute(statements.Connection, "PRAGMA wal_checkpoint(PASSIVE)");
        }

        statements.Commit(batch, outcomes);
    }

    /// <summary>The open connection with its prepared statements; opened again after a failure.</summary>
    private Statements Open()
    {
        EnsureFileStillThere();
        if (_statements is { } open)
        {
            return open;
        }

        var db = OwnConnection.Open(_dbFactory);
        Statements? statements = null;
        try
        {
            statements = new Statements(db);
            // Every row the writer adds points at the call it has just inserted, or read and checked in this same
            // transaction, and at a line (lines are never deleted): SQLite's per-row parent lookups would only repeat
            // that, for about 6 % of webhook throughput. Other connections keep enforcing them; the resilience tests
            // run SQLite's foreign_key_check over the store after load, crashes and outages.
            OwnConnection.Execute(statements.Connection, "PRAGMA foreign_keys=OFF");
            if (OwnConnection.Execute(statements.Connection, "PRAGMA journal_mode") as string == "wal")
            {
                // Checkpoints (copying the log into the database, with fsyncs) run beside the writer in
                // Data/WalCheckpointer, never inside a webhook batch's commit; the writer only finishes each one.
                OwnConnection.Execute(statements.Connection, "PRAGMA wal_autocheckpoint=0");
                _walFile = _databaseFile is null ? null : _databaseFile + "-wal";
            }

            return _statements = statements;
        }
        catch
        {
            // The statements own the context once made.
            if (statements is null)
            {
                db.Dispose();
            }
            else
            {
                statements.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// SQLite keeps writing into a deleted file (or a deleted write-ahead log) through an open connection, and opening
    /// a missing path creates an empty database: either would answer calls "stored" into nothing. A missing file fails
    /// the batch (safe path) and closes the connection; a file put back is opened again by the next batch.
    /// Two stat calls per batch, not per call.
    /// </summary>
    private void EnsureFileStillThere()
    {
        var missing = _databaseFile is not null && !File.Exists(_databaseFile) ? _databaseFile
            : _walFile is not null && !File.Exists(_walFile) ? _walFile
            : null;
        if (missing is not null)
        {
            Reset();
            throw new InvalidOperationException($"The database file {missing} is missing.");
        }
    }

    private void Reset()
    {
        _statements?.Dispose();
        _statements = null;
        _walFile = null;
        // Nothing else may keep reading a file that failed: it may have been deleted or replaced.
        _reader.Clear();
        SqliteConnection.ClearAllPools();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} call writes failed; those calls were answered with the safe path")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    /// <summary>
    /// The writer's connection and its statements, prepared once on SQLite's own handle and reused for every batch
    /// (<see cref="SqliteStatement"/>: bound by position, nothing allocated per execution).
    /// </summary>
    private sealed class Statements : IDisposable
    {
        private readonly QdnDbContext _db;
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _begin;
        private readonly SqliteStatement _commit;
        private readonly SqliteStatement _rollback;
        private readonly SqliteStatement _callInBucket;
        private readonly SqliteStatement _keysInBucket;
        private readonly SqliteStatement _lastCallId;
        private readonly SqliteStatement _insertCall;
        private readonly SqliteStatement _lastSequence;
        private readonly SqliteStatement _updateCall;
        private readonly SqliteStatement _insertEvent;
        private readonly SqliteStatement _insertVoicemail;
        private readonly SqliteStatement _insertRequest;
        private readonly SqliteStatement _savepoint;
        private readonly SqliteStatement _rollbackToSavepoint;
        private readonly SqliteStatement _releaseSavepoint;
        private readonly List<SqliteStatement> _prepared = [];
        private readonly CallSidFilters _filters = new();

        /// <summary>
        /// The newest bucket holding a call, as this transaction sees it: read at its start (the write lock held, so no
        /// other connection adds a call meanwhile), then raised by each call it adds. Never below the truth.
        /// </summary>
        private long _newestBucket;

        public Statements(QdnDbContext db)
        {
            _db = db;
            _connection = OwnConnection.Connection(db);
            try
            {
                // IMMEDIATE: the write lock is taken (or waited for) before the first statement, never midway.
                _begin = Prepare("BEGIN IMMEDIATE", []);
                _commit = Prepare("COMMIT", []);
                _rollback = Prepare("ROLLBACK", []);
                _callInBucket = Prepare(CallSql.CallInBucket, [.. CallSql.FindCallParameters, "Bucket"]);
                _keysInBucket = Prepare(CallSql.KeysInBucket, ["Bucket"]);
                _lastCallId = Prepare(CallSql.LastCallId, []);
                _insertCall = Prepare(CallSql.InsertCall, CallSql.InsertCallParameters);
                _lastSequence = Prepare(CallSql.LastSequence, ["Id"]);
                _updateCall = Prepare(CallSql.UpdateCall, CallSql.UpdateCallParameters);
                _insertEvent = Prepare(CallSql.InsertEvent, CallSql.InsertEventParameters);
                _insertVoicemail = Prepare(CallSql.InsertVoicemail, CallSql.InsertVoicemailParameters);
                _insertRequest = Prepare(CallSql.InsertRequest, CallSql.InsertRequestParameters);
                _savepoint = Prepare("SAVEPOINT call_write", []);
                _rollbackToSavepoint = Prepare("ROLLBACK TO SAVEPOINT call_write", []);
                _releaseSavepoint = Prepare("RELEASE SAVEPOINT call_write", []);
            }
            catch
            {
                // A schema that lacks a table (a wrong file put in place): finalize what was prepared; the caller
                // disposes the context.
                foreach (var statement in _prepared)
                {
                    statement.Dispose();
                }

                throw;
            }
        }

        public SqliteConnection Connection => _connection;

        /// <summary>Applies every write in one transaction; on failure nothing of the batch stays.</summary>
        public void Commit(List<CallWrite> batch, WriteOutcome[] outcomes)
        {
            _begin.Execute();
            try
            {
                _newestBucket = _lastCallId.ExecuteScalar() is { } last ? CallSidHash.BucketOf(last) : 0;
                FilterClosedBuckets();
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = ApplyAlone(batch[i]);
                }

                _commit.Execute();
            }
            catch
            {
                // SQLite may have ended the transaction itself (a full disk, say); then there is nothing to undo.
                if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    _rollback.Execute();
                }

                throw;
            }
        }

        /// <summary>
        /// One write; a conflict undoes this write only, never the batch. Statements that can conflict come first, so
        /// a conflict usually finds nothing of the write done yet (SQLite undoes the failing statement itself); only a
        /// voicemail, whose recording may conflict after the answer was written, needs a savepoint around the write.
        /// </summary>
        private WriteOutcome ApplyAlone(CallWrite write)
        {
            var savepoint = write.Voicemail is not null;
            if (savepoint)
            {
                _savepoint.Execute();
            }

            WriteOutcome outcome;
            try
            {
                outcome = Apply(write);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT
            {
                outcome = WriteOutcome.Conflict;
            }

            if (savepoint)
            {
                if (outcome == WriteOutcome.Conflict)
                {
                    _rollbackToSavepoint.Execute();
                }

                _releaseSavepoint.Execute();
            }

            return outcome;
        }

        private WriteOutcome Apply(CallWrite write)
        {
            var call = write.Call;
            if (write.Loaded is null)
            {
                // Conflicts when the call exists already (a retry of its first request racing the original). The
                // CallSid's index is not unique (Data.CallSidHash): this check, in the transaction that adds the call,
                // is what keeps CallSids unique, and this writer is the one thing that adds calls.
                if (IsStored(call))
                {
                    return WriteOutcome.Conflict;
                }

                CallSql.BindCall(_insertCall, call);
                call.Id = _insertCall.Insert();
                _newestBucket = Math.Max(_newestBucket, CallSidHash.BucketOf(call.Id));
            }
            else
            {
                // Optimistic check: the call's timeline must end where it ended when this request read it.
                _lastSequence.Bind(0, call.Id);
                if ((_lastSequence.ExecuteScalar() ?? -1) != write.Loaded.LastSequence)
                {
                    return WriteOutcome.Conflict;
                }
            }

            // Conflicts when this request was answered already (a retry stored first).
            CallSql.BindRequest(_insertRequest, call.Id, write.RequestKey, write.ReceivedAtUtc, write.Response);
            _insertRequest.Execute();
            if (write.Voicemail is { } voicemail)
            {
                // Conflicts when the recording is stored already.
                CallSql.BindVoicemail(_insertVoicemail, call.Id, voicemail);
                voicemail.CallId = call.Id;
                voicemail.Id = _insertVoicemail.Insert();
            }

            // Nothing below can conflict: the checks above hold the call for this transaction.
            if (write.Loaded is not null && write.CallChanged)
            {
                CallSql.BindCallUpdate(_updateCall, call);
                _updateCall.Execute();
            }

            foreach (var evt in call.Events)
            {
                CallSql.BindEvent(_insertEvent, call.Id, evt);
                _insertEvent.Execute();
            }

            return WriteOutcome.Committed;
        }

        /// <summary>
        /// Filters the buckets that have closed since (<see cref="CallSidFilters"/>): at most <see cref="FiltersPerBatch"/>
        /// as each batch starts, so that after a start the filters catch up with the store without holding any batch up
        /// for long; until they have, the unfiltered buckets are sought one by one.
        /// </summary>
        private void FilterClosedBuckets()
        {
            for (var built = 0; _filters.Count < _newestBucket && built < FiltersPerBatch; built++)
            {
                _keysInBucket.Bind(0, _filters.Count);
                _filters.AddNext(_keysInBucket.ExecuteNumbers());
            }
        }

        /// <summary>
        /// Whether a call with this CallSid is stored: a seek in each unfiltered bucket (usually only the newest), newest
        /// first, then in each filtered one that may hold it.
        /// </summary>
        private bool IsStored(Call call)
        {
            // Bindings outlive each run: only the bucket changes from one seek to the next.
            CallSql.BindFind(_callInBucket, call.CallSid, call.CallSidHash);
            for (var bucket = _newestBucket; bucket >= _filters.Count; bucket--)
            {
                if (InBucket(bucket))
                {
                    return true;
                }
            }

            foreach (var bucket in _filters.MayHold(call.CallSidHash))
            {
                if (InBucket(bucket))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the CallSid bound into <see cref="_callInBucket"/> is stored in <paramref name="bucket"/>.</summary>
        private bool InBucket(long bucket)
        {
            _callInBucket.Bind(2, bucket);
            return _callInBucket.ExecuteScalar() is not null;
        }

        public void Dispose()
        {
            foreach (var statement in _prepared)
            {
                statement.Dispose();
            }

            _db.Dispose();
        }

        /// <summary>Prepares one statement, finalized on Dispose.</summary>
        private SqliteStatement Prepare(string sql, IReadOnlyList<string> parameters)
        {
            var statement = new SqliteStatement(_connection, sql, parameters);
            _prepared.Add(statement);
            return statement;
        }
    }
}
