using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// The webhook hot path's SQL over the model's call tables (names as the migrations create them; a test checks every
/// column here against the EF model). Values are stored the way EF stores them (see <see cref="SqliteStatement"/>),
/// enums as their names.
/// </summary>
internal static class CallSql
{
    private const int ChangeableFirst = 6;
    private const int ChangeableCount = 9;

    public static readonly string[] InsertCallParameters =
    [
        "CallSid", "LineId", "From", "To", "CallerName", "StartedAtUtc", "AnsweredAtUtc", "EndedAtUtc", "DurationSeconds",
        "TwilioStatus", "Disposition", "AnsweredStepPosition", "AnsweredPersonId", "AnsweredByName", "VoicemailReason", "IsTest",
        "CallSidHash",
    ];

    public static readonly string InsertCall = Insert("Calls", InsertCallParameters);

    /// <summary>The call's id, then what a webhook may change on a stored call (bound by <see cref="ChangeableFields.Bind"/>).</summary>
    public static readonly string[] UpdateCallParameters = ["Id", .. InsertCallParameters[ChangeableFirst..(ChangeableFirst + ChangeableCount)]];

    public static readonly string UpdateCall =
        "UPDATE \"Calls\" SET " + string.Join(", ", UpdateCallParameters.Skip(1).Select(c => $"\"{c}\" = @{c}")) + " WHERE \"Id\" = @Id";

    /// <summary>Parameters of the statements that find a call by its CallSid: the indexed hash, then the text.</summary>
    public static readonly string[] FindCallParameters = ["CallSidHash", "CallSid"];

    /// <summary>
    /// Whether a call with @CallSid is stored in bucket @Bucket: the one writer checks before adding a call (the index
    /// is not unique) in each bucket it has no filter of, and wherever a filter may hold the key (<see cref="CallSidFilters"/>).
    /// </summary>
    public static readonly string CallInBucket =
        $"SELECT 1 FROM \"Calls\" AS c WHERE c.\"{CallSidHash.BucketColumn}\" = @Bucket AND {CallSidHash.MatchesCallSid} LIMIT 1";

    /// <summary>The keys of the calls in bucket @Bucket, found through the index.</summary>
    public static readonly string KeysInBucket =
        $"SELECT c.\"CallSidHash\" FROM \"Calls\" AS c WHERE c.\"{CallSidHash.BucketColumn}\" = @Bucket";

    public const string LastCallId = "SELECT MAX(\"Id\") FROM \"Calls\"";

    public const string LastSequence = "SELECT MAX(\"Sequence\") FROM \"CallEvents\" WHERE \"CallId\" = @Id";

    public static readonly string[] InsertEventParameters =
        ["CallId", "Sequence", "AtUtc", "Kind", "StepPosition", "PersonName", "Target", "Outcome", "Reason", "DurationSeconds"];

    public static readonly string InsertEvent = Insert("CallEvents", InsertEventParameters);

    public static readonly string[] InsertVoicemailParameters =
    [
        "CallId", "LineId", "From", "RecordingSid", "RecordingUrl", "DurationSeconds", "Reason", "Greeting", "RecordedAtUtc",
        "Handled", "HandledAtUtc", "HandledBy",
    ];

    public static readonly string InsertVoicemail = Insert("Voicemails", InsertVoicemailParameters);

    public static readonly string[] InsertRequestParameters = ["CallId", "RequestKey", "ReceivedAtUtc", "Response"];

    public static readonly string InsertRequest = Insert("CallRequests", InsertRequestParameters);

    /// <summary>
    /// The columns <see cref="ReadCall"/> expects, in order, for the call with @CallSid (and @CallSidHash) and its reply
    /// to @RequestKey; bound by <see cref="BindFind"/>, then the request key.
    /// </summary>
    public static readonly string[] SelectCallColumns = ["Id", .. InsertCallParameters];

    public static readonly string SelectCall = CallSidHash.InBucketsSql(
        string.Join(", ", SelectCallColumns.Select(c => $"c.\"{c}\"")) +
        ", (SELECT r.\"Response\" FROM \"CallRequests\" r WHERE r.\"CallId\" = c.\"Id\" AND r.\"RequestKey\" = @RequestKey)" +
        ", (SELECT MAX(e.\"Sequence\") FROM \"CallEvents\" e WHERE e.\"CallId\" = c.\"Id\")",
        CallSidHash.MatchesCallSid,
        1);

    /// <summary>Binds the parameters that find the call (<see cref="FindCallParameters"/>) into a statement.</summary>
    public static void BindFind(SqliteStatement statement, string callSid) => BindFind(statement, callSid, CallSidHash.Of(callSid));

    /// <summary>As <see cref="BindFind(SqliteStatement, string)"/>, with the CallSid's key already known (<see cref="Call.CallSidHash"/>).</summary>
    public static void BindFind(SqliteStatement statement, string callSid, long key)
    {
        statement.Bind(0, key);
        statement.Bind(1, callSid);
    }

    public static void BindCall(SqliteStatement statement, Call call)
    {
        statement.Bind(0, call.CallSid);
        statement.Bind(1, call.LineId);
        statement.Bind(2, call.From);
        statement.Bind(3, call.To);
        statement.Bind(4, call.CallerName);
        statement.Bind(5, call.StartedAtUtc);
        ChangeableFields.Of(call).Bind(statement, ChangeableFirst);
        statement.Bind(15, call.IsTest);
        statement.Bind(16, call.CallSidHash);
    }

    public static void BindCallUpdate(SqliteStatement statement, Call call)
    {
        statement.Bind(0, call.Id);
        ChangeableFields.Of(call).Bind(statement, 1);
    }

    public static void BindEvent(SqliteStatement statement, long callId, CallEvent evt)
    {
        statement.Bind(0, callId);
        statement.Bind(1, evt.Sequence);
        statement.Bind(2, evt.AtUtc);
        statement.Bind(3, evt.Kind.ToString());
        statement.Bind(4, evt.StepPosition);
        statement.Bind(5, evt.PersonName);
        statement.Bind(6, evt.Target);
        statement.Bind(7, evt.Outcome);
        statement.Bind(8, evt.Reason);
        statement.Bind(9, evt.DurationSeconds);
    }

    public static void BindVoicemail(SqliteStatement statement, long callId, Voicemail voicemail)
    {
        statement.Bind(0, callId);
        statement.Bind(1, voicemail.LineId);
        statement.Bind(2, voicemail.From);
        statement.Bind(3, voicemail.RecordingSid);
        statement.Bind(4, voicemail.RecordingUrl);
        statement.Bind(5, voicemail.DurationSeconds);
        statement.Bind(6, voicemail.Reason.ToString());
        statement.Bind(7, voicemail.Greeting);
        statement.Bind(8, voicemail.RecordedAtUtc);
        statement.Bind(9, voicemail.Handled);
        statement.Bind(10, voicemail.HandledAtUtc);
        statement.Bind(11, voicemail.HandledBy);
    }

    public static void BindRequest(SqliteStatement statement, long callId, string requestKey, DateTime receivedAtUtc, string response)
    {
        statement.Bind(0, callId);
        statement.Bind(1, requestKey);
        statement.Bind(2, receivedAtUtc);
        statement.Bind(3, response);
    }

    /// <summary>The stored call (events not loaded), its stored reply to the request key, and its last event's sequence.</summary>
    public static StoredCall ReadCall(SqliteStatement row) => new(
        new Call
        {
            Id = row.Number(0),
            CallSid = row.Text(1),
            LineId = row.Text(2),
            From = row.Text(3),
            To = row.Text(4),
            CallerName = String(row, 5),
            StartedAtUtc = row.Time(6),
            AnsweredAtUtc = Time(row, 7),
            EndedAtUtc = Time(row, 8),
            DurationSeconds = Int(row, 9),
            TwilioStatus = String(row, 10),
            Disposition = Enum.Parse<CallDisposition>(row.Text(11)),
            AnsweredStepPosition = Int(row, 12),
            AnsweredPersonId = Int(row, 13),
            AnsweredByName = String(row, 14),
            VoicemailReason = String(row, 15) is { } reason ? Enum.Parse<VoicemailReason>(reason) : null,
            IsTest = row.Number(16) != 0,
            CallSidHash = row.Number(17),
        },
        String(row, 18),
        Int(row, 19) ?? -1);

    private static string Insert(string table, IEnumerable<string> columns) =>
        $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";

    private static string? String(SqliteStatement row, int i) => row.IsNull(i) ? null : row.Text(i);

    private static int? Int(SqliteStatement row, int i) => row.IsNull(i) ? null : checked((int)row.Number(i));

    private static DateTime? Time(SqliteStatement row, int i) => row.IsNull(i) ? null : row.Time(i);
}

/// <summary>A call as stored when a request read it: the row, the reply already given to this request (a retry), the last event's sequence.</summary>
public sealed record StoredCall(Call Call, string? StoredReply, int LastSequence);

/// <summary>
/// What a webhook may change on a stored call: compared before and after a request to tell whether it did, and bound
/// in this order into both the INSERT (from <c>CallSql.ChangeableFirst</c>) and the UPDATE. The one list of them.
/// </summary>
internal readonly record struct ChangeableFields(
    DateTime? AnsweredAtUtc,
    DateTime? EndedAtUtc,
    int? DurationSeconds,
    string? TwilioStatus,
    CallDisposition Disposition,
    int? AnsweredStepPosition,
    int? AnsweredPersonId,
    string? AnsweredByName,
    VoicemailReason? VoicemailReason)
{
    public static ChangeableFields Of(Call c) => new(
        c.AnsweredAtUtc, c.EndedAtUtc, c.DurationSeconds, c.TwilioStatus, c.Disposition, c.AnsweredStepPosition,
        c.AnsweredPersonId, c.AnsweredByName, c.VoicemailReason);

    public void Bind(SqliteStatement statement, int first)
    {
        statement.Bind(first, AnsweredAtUtc);
        statement.Bind(first + 1, EndedAtUtc);
        statement.Bind(first + 2, DurationSeconds);
        statement.Bind(first + 3, TwilioStatus);
        statement.Bind(first + 4, Disposition.ToString());
        statement.Bind(first + 5, AnsweredStepPosition);
        statement.Bind(first + 6, AnsweredPersonId);
        statement.Bind(first + 7, AnsweredByName);
        statement.Bind(first + 8, VoicemailReason?.ToString());
    }
}
