using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace QdnConsole.Data;

/// <summary>
/// A context on an SQLite connection of its own, for a component that keeps statements prepared on the connection's
/// handle (<see cref="SqliteStatement"/>): never a pooled connection, which may still be open on a file deleted or
/// replaced since; opened through EF so the context's interceptors set it up (synchronous=NORMAL, foreign keys).
/// </summary>
public static class OwnConnection
{
    public static QdnDbContext Open(IDbContextFactory<QdnDbContext> dbFactory)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        var db = dbFactory.CreateDbContext();
        try
        {
            db.Database.SetConnectionString(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
            db.Database.OpenConnection();
            var connection = Connection(db);
            // Microsoft.Data.Sqlite retries a busy database in its commands; statements on the handle let SQLite wait.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, checked(connection.DefaultTimeout * 1000));
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> (a pragma, a setup statement) and returns its first value.</summary>
    public static object? Execute(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static SqliteConnection Connection(QdnDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.GetDbConnection() as SqliteConnection ?? throw new NotSupportedException("The store is SQLite.");
    }
}
