using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QdnConsole.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL keeps every committed transaction through an app
/// crash (kill -9) and only a power loss can take the last ones; FULL would fsync on every commit, which caps
/// webhook throughput at the disk's flush rate.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
