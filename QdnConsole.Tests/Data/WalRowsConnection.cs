using Microsoft.Data.Sqlite;
using QdnConsole.Data;

namespace QdnConsole.Tests.Data;

/// <summary>
/// A plain SQLite connection in WAL mode at synchronous=NORMAL, with a table of payload rows, for the tests of the
/// app's SQLite plumbing (the coalescing VFS, the file sync). SQLite's automatic checkpoint is off, so every page stays
/// in the log until a test copies it.
/// </summary>
internal static class WalRowsConnection
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        OwnConnection.Execute(connection, "PRAGMA journal_mode=WAL");
        OwnConnection.Execute(connection, "PRAGMA synchronous=NORMAL");
        OwnConnection.Execute(connection, "PRAGMA wal_autocheckpoint=0");
        OwnConnection.Execute(connection, "CREATE TABLE IF NOT EXISTS Rows (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL)");
        return connection;
    }

    /// <summary>The first value of <paramref name="sql"/> as a number (a count).</summary>
    public static long Scalar(SqliteConnection connection, string sql) =>
        Convert.ToInt64(OwnConnection.Execute(connection, sql), System.Globalization.CultureInfo.InvariantCulture);
}
