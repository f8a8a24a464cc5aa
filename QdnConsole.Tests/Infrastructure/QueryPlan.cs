using System.Data.Common;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>SQLite's plan for a command, one step per line ("SEARCH c USING INDEX …"), as EXPLAIN QUERY PLAN reports it.</summary>
public static class QueryPlan
{
    /// <summary>The plan of <paramref name="command"/>, whose connection is open; the command is spent.</summary>
    public static async Task<List<string>> ExplainAsync(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
