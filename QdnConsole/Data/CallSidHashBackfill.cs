using Microsoft.EntityFrameworkCore;

namespace QdnConsole.Data;

/// <summary>
/// Keys the calls stored before <see cref="Call.CallSidHash"/> existed (the IndexCallSidHash migration adds the column
/// as 0): computed here, in C#, because SQL has no such hash. Runs on every start, in batches, before the webhooks
/// take requests; with every row keyed it is one index probe per bucket.
/// </summary>
public sealed partial class CallSidHashBackfill(ILogger<CallSidHashBackfill> logger) : IDatabaseSeeder
{
    private const int BatchSize = 1_000;

    /// <summary>Up to a batch of calls not keyed yet: through the index, a seek per bucket for key 0, not a scan of every call.</summary>
    internal static readonly string UnkeyedSql = CallSidHash.InBucketsSql("c.\"Id\", c.\"CallSid\"", "c.\"CallSidHash\" = 0", BatchSize);

    public async Task SeedAsync(QdnDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keyed = 0;
        while (true)
        {
            var unkeyed = await db.Database.SqlQueryRaw<Unkeyed>(UnkeyedSql).ToListAsync(ct);
            if (unkeyed.Count == 0)
            {
                break;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var call in unkeyed)
            {
                var hash = CallSidHash.Of(call.CallSid);
                await db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CallSidHash, hash), ct);
            }

            await transaction.CommitAsync(ct);
            keyed += unkeyed.Count;
        }

        if (keyed > 0)
        {
            LogKeyed(logger, keyed);
        }
    }

    private sealed record Unkeyed(long Id, string CallSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keyed {Count} stored calls by their CallSid's hash")]
    private static partial void LogKeyed(ILogger logger, int count);
}
