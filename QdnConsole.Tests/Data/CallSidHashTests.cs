using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using QdnConsole.Data;
using QdnConsole.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Data;

/// <summary>
/// Calls are indexed by their bucket and a 64-bit hash of their CallSid; a store from before the hash must be keyed on
/// its next start, and every lookup must seek that index.
/// </summary>
public sealed class CallSidHashTests : IDisposable
{
    private readonly TempDatabase _database = new("callsid-hash");

    public void Dispose() => _database.Dispose();

    // FNV-1a 64-bit test vectors from the algorithm's authors (isthe.com/chongo/tech/comp/fnv): the hash must never
    // change, or stored calls could no longer be found.
    [Theory]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    [InlineData("", 0xcbf29ce484222325UL)]
    public void Of_IsFnv1a64(string text, ulong expected) => Assert.Equal(unchecked((long)expected), CallSidHash.Of(text));

    [Fact]
    public void SettingTheCallSid_SetsItsHash()
    {
        var call = new Call { CallSid = "CA0123456789abcdef0123456789abcdef", LineId = "qdn", From = "+1", To = "+2" };

        Assert.Equal(CallSidHash.Of("CA0123456789abcdef0123456789abcdef"), call.CallSidHash);
        Assert.NotEqual(0, call.CallSidHash);
    }

    [Fact]
    public async Task CallsStoredBeforeTheHash_AreKeyedOnTheNextStart_InBatches()
    {
        var sids = Enumerable.Range(0, 2_500).Select(i => $"CA{i * 7919:x32}").ToList();
        await using (var db = _database.NewContext())
        {
            // The store as the previous version left it: every migration before the hash's, and calls in it.
            db.GetService<IMigrator>().Migrate("20261121100000_AddUsers");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Lines" ("Id", "Name", "Number", "TimeZone", "MaintenanceMode", "CreatedAtUtc", "UpdatedAtUtc")
                VALUES ('qdn', 'QDN', '+18585550100', 'America/Los_Angeles', 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00')
                """);
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < sids.Count; i++)
            {
                // Ids spread over four of the index's buckets: the backfill finds them in every one.
                var id = 1 + (i * ((4L << CallSidHash.BucketBits) / sids.Count));
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Calls" ("Id", "CallSid", "LineId", "From", "To", "StartedAtUtc", "Disposition", "IsTest")
                    VALUES ({id}, {sids[i]}, 'qdn', '+16195550199', '+18585550100', '2026-11-01 10:00:00', 'Answered', 0)
                    """);
            }

            await transaction.CommitAsync();
            await db.Database.MigrateAsync();
            Assert.Equal(sids.Count, await db.Calls.CountAsync(c => c.CallSidHash == 0));
            Assert.Equal(4, await db.Calls.Select(c => EF.Property<long>(c, CallSidHash.BucketColumn)).Distinct().CountAsync());
        }

        await using (var db = _database.NewContext())
        {
            await new CallSidHashBackfill(NullLogger<CallSidHashBackfill>.Instance).SeedAsync(db, CancellationToken.None);
        }

        await using (var db = _database.NewContext())
        {
            var stored = await db.Calls.AsNoTracking().Select(c => new { c.CallSid, c.CallSidHash }).ToListAsync();
            Assert.Equal(sids.Count, stored.Count);
            Assert.All(stored, c => Assert.Equal(CallSidHash.Of(c.CallSid), c.CallSidHash));
            var hash = CallSidHash.Of(sids[1_234]);
            Assert.Equal(sids[1_234], await db.Calls.Where(c => c.CallSidHash == hash).Select(c => c.CallSid).SingleAsync());
        }
    }

    /// <summary>
    /// A lookup by CallSid (a webhook's read, the writer's check that a call is new, the backfill) must seek the index
    /// once per bucket: a scan of the calls would grow with every call ever stored.
    /// </summary>
    [Theory]
    [InlineData("select")]
    [InlineData("bucket")]
    [InlineData("keys")]
    [InlineData("unkeyed")]
    public async Task LookupsByCallSid_SeekTheIndexInEachBucket_NeverScanTheCalls(string lookup)
    {
        await using var db = _database.NewContext();
        await db.Database.MigrateAsync();
        var sql = lookup switch
        {
            "select" => CallSql.SelectCall,
            "bucket" => CallSql.CallInBucket,
            "keys" => CallSql.KeysInBucket,
            _ => CallSidHashBackfill.UnkeyedSql,
        };

        await using var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "@CallSidHash", "@CallSid", "@RequestKey", "@Bucket" }.Where(sql.Contains))
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        var plan = await QueryPlan.ExplainAsync(command);

        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING ", StringComparison.Ordinal)
            && step.Contains(lookup == "keys" ? "INDEX IX_Calls_CallSidBucket_CallSidHash (CallSidBucket=?)"
                : "INDEX IX_Calls_CallSidBucket_CallSidHash (CallSidBucket=? AND CallSidHash=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN c", StringComparison.Ordinal));
    }
}
