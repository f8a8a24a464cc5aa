using System.Data.Common;
using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// The webhook hot path's SQL over the model's call tables (names as the migrations create them; a test checks every
/// column here against the EF model). Values are bound the way EF binds them: UTC times as the provider's DateTime,
/// enums as their names, booleans as the provider's bool.
/// </summary>
internal static class CallSql
{
    private const int ChangeableFirst = 6;
    private const int ChangeableCount = 9;

    public static readonly string[] InsertCallParameters =
    [
        "CallSid", "LineId", "From", "To", "CallerName", "StartedAtUtc", "AnsweredAtUtc", "EndedAtUtc", "DurationSeconds",
        "TwilioStatus", "Disposition", "AnsweredStepPosition", "AnsweredPersonId", "AnsweredByName", "VoicemailReason", "IsTest",
    ];

    public static readonly string InsertCall = Insert("Calls", InsertCallParameters) + " RETURNING \"Id\"";

    /// <summary>The call's id, then what a webhook may change on a stored call (bound by <see cref="ChangeableFields.Bind"/>).</summary>
    public static readonly string[] UpdateCallParameters = ["Id", .. InsertCallParameters[ChangeableFirst..(ChangeableFirst + ChangeableCount)]];

    public static readonly string UpdateCall =
        "UPDATE \"Calls\" SET " + string.Join(", ", UpdateCallParameters.Skip(1).Select(c => $"\"{c}\" = @{c}")) + " WHERE \"Id\" = @Id";

    public const string LastSequence = "SELECT MAX(\"Sequence\") FROM \"CallEvents\" WHERE \"CallId\" = @Id";

    public static readonly string[] InsertEventParameters =
        ["CallId", "Sequence", "AtUtc", "Kind", "StepPosition", "PersonName", "Target", "Outcome", "Reason", "DurationSeconds"];

    public static readonly string InsertEvent = Insert("CallEvents", InsertEventParameters);

    public static readonly string[] InsertVoicemailParameters =
    [
        "CallId", "LineId", "From", "RecordingSid", "RecordingUrl", "DurationSeconds", "Reason", "Greeting", "RecordedAtUtc",
        "Handled", "HandledAtUtc", "HandledBy",
    ];

    public static readonly string InsertVoicemail = Insert("Voicemails", InsertVoicemailParameters) + " RETURNING \"Id\"";

    public static readonly string[] InsertRequestParameters = ["CallId", "RequestKey", "ReceivedAtUtc", "Response"];

    public static readonly string InsertRequest = Insert("CallRequests", InsertRequestParameters);

    /// <summary>The columns <see cref="ReadCall"/> expects, in order, for the call with @CallSid and its reply to @RequestKey.</summary>
    public static readonly string[] SelectCallColumns = ["Id", .. InsertCallParameters];

    public static readonly string SelectCall =
        "SELECT " + string.Join(", ", SelectCallColumns.Select(c => $"c.\"{c}\"")) +
        ", (SELECT r.\"Response\" FROM \"CallRequests\" r WHERE r.\"CallId\" = c.\"Id\" AND r.\"RequestKey\" = @RequestKey)" +
        ", (SELECT MAX(e.\"Sequence\") FROM \"CallEvents\" e WHERE e.\"CallId\" = c.\"Id\")" +
        " FROM \"Calls\" c WHERE c.\"CallSid\" = @CallSid";

    public static void BindCall(DbCommand command, Call call)
    {
        var p = command.Parameters;
        Set(p[0], call.CallSid);
        Set(p[1], call.LineId);
        Set(p[2], call.From);
        Set(p[3], call.To);
        Set(p[4], call.CallerName);
        Set(p[5], Utc(call.StartedAtUtc));
        ChangeableFields.Of(call).Bind(p, ChangeableFirst);
        Set(p[15], call.IsTest);
    }

    public static void BindCallUpdate(DbCommand command, Call call)
    {
        Set(command.Parameters[0], call.Id);
        ChangeableFields.Of(call).Bind(command.Parameters, 1);
    }


    public static void BindEvent(DbCommand command, long callId, CallEvent evt)
    {
        var p = command.Parameters;
        Set(p[0], callId);
        Set(p[1], evt.Sequence);
        Set(p[2], Utc(evt.AtUtc));
        Set(p[3], evt.Kind.ToString());
        Set(p[4], evt.StepPosition);
        Set(p[5], evt.PersonName);
        Set(p[6], evt.Target);
        Set(p[7], evt.Outcome);
        Set(p[8], evt.Reason);
        Set(p[9], evt.DurationSeconds);
    }

    public static void BindVoicemail(DbCommand command, long callId, Voicemail voicemail)
    {
        var p = command.Parameters;
        Set(p[0], callId);
        Set(p[1], voicemail.LineId);
        Set(p[2], voicemail.From);
        Set(p[3], voicemail.RecordingSid);
        Set(p[4], voicemail.RecordingUrl);
        Set(p[5], voicemail.DurationSeconds);
        Set(p[6], voicemail.Reason.ToString());
        Set(p[7], voicemail.Greeting);
        Set(p[8], Utc(voicemail.RecordedAtUtc));
        Set(p[9], voicemail.Handled);
        Set(p[10], Utc(voicemail.HandledAtUtc));
        Set(p[11], voicemail.HandledBy);
    }

    public static void BindRequest(DbCommand command, long callId, string requestKey, DateTime receivedAtUtc, string response)
    {
        var p = command.Parameters;
        Set(p[0], callId);
        Set(p[1], requestKey);
        Set(p[2], Utc(receivedAtUtc));
        Set(p[3], response);
    }

    /// <summary>The stored call (events not loaded), its stored reply to the request key, and its last event's sequence.</summary>
    public static StoredCall ReadCall(DbDataReader reader) => new(
        new Call
        {
            Id = reader.GetInt64(0),
            CallSid = reader.GetString(1),
            LineId = reader.GetString(2),
            From = reader.GetString(3),
            To = reader.GetString(4),
            CallerName = String(reader, 5),
            StartedAtUtc = Utc(reader.GetDateTime(6)),
            AnsweredAtUtc = Time(reader, 7),
            EndedAtUtc = Time(reader, 8),
            DurationSeconds = Int(reader, 9),
            TwilioStatus = String(reader, 10),
            Disposition = Enum.Parse<CallDisposition>(reader.GetString(11)),
            AnsweredStepPosition = Int(reader, 12),
            AnsweredPersonId = Int(reader, 13),
            AnsweredByName = String(reader, 14),
            VoicemailReason = String(reader, 15) is { } reason ? Enum.Parse<VoicemailReason>(reason) : null,
            IsTest = reader.GetBoolean(16),
        },
        String(reader, 17),
        Int(reader, 18) ?? -1);

    private static string Insert(string table, IEnumerable<string> columns) =>
        $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";

    internal static void Set(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    internal static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static string? String(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? Int(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    private static DateTime? Time(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Utc(reader.GetDateTime(i));
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

    public void Bind(DbParameterCollection p, int first)
    {
        CallSql.Set(p[first], CallSql.Utc(AnsweredAtUtc));
        CallSql.Set(p[first + 1], CallSql.Utc(EndedAtUtc));
        CallSql.Set(p[first + 2], DurationSeconds);
        CallSql.Set(p[first + 3], TwilioStatus);
        CallSql.Set(p[first + 4], Disposition.ToString());
        CallSql.Set(p[first + 5], AnsweredStepPosition);
        CallSql.Set(p[first + 6], AnsweredPersonId);
        CallSql.Set(p[first + 7], AnsweredByName);
        CallSql.Set(p[first + 8], VoicemailReason?.ToString());
    }
}
