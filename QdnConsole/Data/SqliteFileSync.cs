using Microsoft.Data.Sqlite;
using static QdnConsole.Data.SqliteNative;

namespace QdnConsole.Data;

/// <summary>
/// Syncs the files of an open SQLite connection to disk: its database file, then its write-ahead log (or rollback
/// journal, when one is open). It goes through SQLite's own file objects (SQLITE_FCNTL_FILE_POINTER and
/// SQLITE_FCNTL_JOURNAL_POINTER), never a second descriptor of its own: closing any descriptor of the database file
/// would drop every POSIX lock this process holds on it, locks SQLite relies on ("How To Corrupt An SQLite Database
/// File", 2.2.1). Used by <see cref="WalCheckpointer"/>.
/// </summary>
public static unsafe class SqliteFileSync
{
    /// <summary>Syncs the database file and then the log; throws <see cref="SqliteException"/> when a sync fails.</summary>
    public static void DatabaseAndLog(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Sync(handle.DangerousGetHandle(), FileControlFilePointer, "database file");
        Sync(handle.DangerousGetHandle(), FileControlJournalPointer, "write-ahead log");
    }

    private static void Sync(nint db, int pointer, string what)
    {
        SqliteFile* file = null;
        int rc;
        fixed (byte* main = "main"u8) // UTF-8 literals end with a NUL, as C wants
        {
            rc = sqlite3_file_control(db, main, pointer, &file);
        }

        if (rc != Ok)
        {
            throw new SqliteException($"SQLite could not find the connection's {what} (error {rc}).", rc);
        }

        // A journal that is not open (no write-ahead log yet, or a rollback journal between transactions) has no methods.
        if (file == null || file->pMethods == null)
        {
            return;
        }

        rc = file->pMethods->xSync(file, SyncNormal);
        if (rc != Ok)
        {
            throw new SqliteException($"Syncing the {what} to disk failed (SQLite error {rc}).", rc);
        }
    }
}
