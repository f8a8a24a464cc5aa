using System.Xml;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;

namespace QdnConsole.Tests.Resilience;

/// <summary>A stored call as the SQLite file holds it: its timeline (by sequence) and the TwiML stored per request.</summary>
public sealed record StoredCall(long Id, string CallSid, string Disposition, IReadOnlyList<StoredEvent> Events, IReadOnlyDictionary<string, string> Replies)
{
    public IEnumerable<string> Kinds => Events.Select(e => e.Kind);

    /// <summary>
    /// What a whole write leaves behind (schema: events unique per (call, sequence), numbered from 0 by the journal,
    /// or from -1 when the call's start was answered by the safe path). Empty when the call is well formed.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var start = Events is [{ Kind: "SafePath" }, ..] ? -1 : 0;
        if (Events.Count == 0)
        {
            problems.Add("no timeline events");
        }
        else if (Events[0] is not ({ Kind: "CallReceived", Sequence: 0 } or { Kind: "SafePath", Sequence: -1 }))
        {
            problems.Add($"first event is {Events[0].Kind} #{Events[0].Sequence}, not CallReceived #0 or SafePath #-1");
        }

        var sequences = Events.Select(e => e.Sequence).ToList();
        if (!sequences.SequenceEqual(Enumerable.Range(start, sequences.Count)))
        {
            problems.Add($"event sequences {string.Join(',', sequences)} are not {start}..{start + sequences.Count - 1}");
        }

        // A call first stored from a later request (SafePath) may still get its inbound request afterwards, once.
        if (Kinds.Count(k => k == "CallReceived") > 1 || Kinds.Count(k => k == "SafePath") > 1)
        {
            problems.Add("a start event stored twice");
        }

        if (Replies.Count == 0)
        {
            problems.Add("no stored reply");
        }

        problems.AddRange(Replies.Where(r => !StoreFile.IsTwiML(r.Value)).Select(r => $"reply to {r.Key} is not TwiML: {r.Value}"));
        return [.. problems.Select(p => $"{CallSid}: {p}")];
    }
}

public sealed record StoredEvent(int Sequence, string Kind, string? PersonName);

/// <summary>
/// Reads the store straight from its SQLite file, as an operator's sqlite3 would: no app, no EF, nothing cached.
/// Never creates the file: a missing database is an error here, not a fresh empty one.
/// </summary>
public static class StoreFile
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// SQLite's own checks of the whole file: "ok" when every page, index and constraint is sound and every row's
    /// parent exists (the call writer leaves foreign keys to its own statements, so they are checked here).
    /// </summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = Open(path);
        var problems = Rows(connection, "PRAGMA integrity_check;", r => r.GetString(0)).Where(r => r != "ok")
            .Concat(Rows(connection, "PRAGMA foreign_key_check;", r => $"{r.GetString(0)} row {r.GetValue(1)} has no parent in {r.GetString(2)}"))
            .ToList();
        return problems.Count == 0 ? "ok" : string.Join('\n', problems);
    }

    /// <summary>Every stored call by CallSid, with its events and replies.</summary>
    public static Dictionary<string, StoredCall> Calls(string path)
    {
        using var connection = Open(path);
        var events = Rows(connection, "SELECT CallId, Sequence, Kind, PersonName FROM CallEvents ORDER BY CallId, Sequence",
            r => (CallId: r.GetInt64(0), Event: new StoredEvent(r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))))
            .ToLookup(e => e.CallId, e => e.Event);
        var replies = Rows(connection, "SELECT CallId, RequestKey, Response FROM CallRequests",
            r => (CallId: r.GetInt64(0), Key: r.GetString(1), Response: r.GetString(2)))
            .ToLookup(r => r.CallId);
        return Rows(connection, "SELECT Id, CallSid, Disposition FROM Calls", r => (Id: r.GetInt64(0), Sid: r.GetString(1), Disposition: r.GetString(2)))
            .ToDictionary(c => c.Sid, c => new StoredCall(c.Id, c.Sid, c.Disposition, [.. events[c.Id]],
                replies[c.Id].ToDictionary(r => r.Key, r => r.Response)), StringComparer.Ordinal);
    }

    /// <summary>CallSids of the query's calls in the query's order (the query selects the CallSid first).</summary>
    public static List<string> CallSids(string path, string sql)
    {
        using var connection = Open(path);
        return Rows(connection, sql, r => r.GetString(0));
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Well-formed TwiML: parses as XML with a Response root.</summary>
    public static bool IsTwiML(string? body)
    {
        try
        {
            return body is not null && XDocument.Parse(body).Root?.Name.LocalName == "Response";
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
