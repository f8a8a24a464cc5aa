using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace QdnConsole.Tests.Data;

/// <summary>
/// A SQLite database's schema read from SQLite's own catalog, flattened to "fact → description" pairs
/// (e.g. "column Calls.CallSid" → "TEXT NOT NULL default=none pk=0") so two databases compare key by key.
/// </summary>
internal static partial class SqliteSchema
{
    public static SortedDictionary<string, string> Read(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var objects = Query(
            connection,
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')",
            r => (Type: r.GetString(0), Name: r.GetString(1), Sql: r.GetString(2)));
        foreach (var (type, name, sql) in objects.Where(o => !IsBookkeeping(o.Name)))
        {
            if (type != "table")
            {
                facts[$"{type} {name}"] = Whitespace().Replace(sql, " ");
                continue;
            }

            // AUTOINCREMENT and constraint names appear only in the CREATE TABLE text, not in any pragma.
            var withoutRowId = Query(connection, "SELECT wr FROM pragma_table_list($name)", r => r.GetInt64(0) != 0, name).Single();
            facts[$"table {name}"] = (sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) ? "AUTOINCREMENT" : "no AUTOINCREMENT")
                + (withoutRowId ? ", WITHOUT ROWID" : "");
            foreach (Match constraint in NamedConstraint().Matches(sql))
            {
                facts[$"constraint {name}.{constraint.Groups[1].Value}"] = constraint.Groups[2].Value.ToUpperInvariant();
            }

            ReadColumns(connection, name, facts);
            ReadIndexes(connection, name, facts);
            ReadForeignKeys(connection, name, facts);
        }

        return facts;
    }

    // EF's bookkeeping (history, and the lock table EF 9+ adds on Migrate) and SQLite's own tables are not the app's schema.
    private static bool IsBookkeeping(string name) =>
        name.StartsWith("__EFMigrations", StringComparison.Ordinal) || name.StartsWith("sqlite_", StringComparison.Ordinal);

    private static void ReadColumns(SqliteConnection connection, string table, SortedDictionary<string, string> facts)
    {
        var columns = Query(
            connection,
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($name)",
            r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) != 0, Default: r.IsDBNull(3) ? "none" : r.GetString(3), Pk: r.GetInt64(4)),
            table);
        foreach (var c in columns)
        {
            facts[$"column {table}.{c.Name}"] = $"{c.Type} {(c.NotNull ? "NOT NULL" : "NULL")} default={c.Default} pk={c.Pk}";
        }
    }

    private static void ReadIndexes(SqliteConnection connection, string table, SortedDictionary<string, string> facts)
    {
        var indexes = Query(
            connection,
            "SELECT i.name, i.\"unique\", i.origin, i.partial, coalesce(m.sql, '') FROM pragma_index_list($name) i "
                + "LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = i.name",
            r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2), Partial: r.GetInt64(3) != 0, Sql: r.GetString(4)),
            table);
        foreach (var index in indexes)
        {
            var columns = Query(
                connection,
                "SELECT coalesce(name, '<expression>'), \"desc\", coll FROM pragma_index_xinfo($name) WHERE key = 1 ORDER BY seqno",
                r => r.GetString(0) + (r.GetInt64(1) != 0 ? " DESC" : "") + (r.GetString(2) == "BINARY" ? "" : " COLLATE " + r.GetString(2)),
                index.Name);
            // A partial index's filter is only in its CREATE INDEX text.
            var filter = index.Partial ? $" partial: {Whitespace().Replace(index.Sql, " ")}" : "";
            facts[$"index {table}.{index.Name}"] =
                $"{(index.Unique ? "UNIQUE" : "non-unique")} ({string.Join(", ", columns)}){filter} origin={index.Origin}";
        }
    }

    private static void ReadForeignKeys(SqliteConnection connection, string table, SortedDictionary<string, string> facts)
    {
        var rows = Query(
            connection,
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($name) ORDER BY id, seq",
            r => (Id: r.GetInt64(0), Principal: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? "<primary key>" : r.GetString(3), OnUpdate: r.GetString(4), OnDelete: r.GetString(5)),
            table);
        foreach (var fk in rows.GroupBy(r => r.Id))
        {
            var first = fk.First();
            facts[$"foreign key {table}({string.Join(", ", fk.Select(r => r.From))}) -> {first.Principal}"] =
                $"({string.Join(", ", fk.Select(r => r.To))}) ON DELETE {first.OnDelete} ON UPDATE {first.OnUpdate}";
        }
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<DbDataReader, T> read, string? name = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    [GeneratedRegex("""CONSTRAINT\s+"([^"]+)"\s+(PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK)""", RegexOptions.IgnoreCase)]
    private static partial Regex NamedConstraint();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
