using QdnConsole.Data;
using QdnConsole.Features.Voice;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>
/// The writer proves a CallSid new by seeking only the closed buckets whose filter may hold its key: a filter that
/// missed a stored key would let a Twilio retry store its call twice.
/// </summary>
public sealed class CallSidFiltersTests
{
    private const int FullBucket = 1 << CallSidHash.BucketBits;

    [Fact]
    public void EveryStoredKey_IsFoundInItsBucket_NewestFirst()
    {
        var random = new Random(20261123);
        var buckets = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, FullBucket).Select(_ => random.NextInt64()).ToList()).ToList();
        var filters = new CallSidFilters();
        foreach (var keys in buckets)
        {
            filters.AddNext(keys);
        }

        Assert.Equal(3, filters.Count);
        for (var bucket = 0; bucket < buckets.Count; bucket++)
        {
            Assert.All(buckets[bucket], key => Assert.Contains((long)bucket, filters.MayHold(key)));
        }

        // A key in buckets 0 and 2 (two CallSids sharing a hash) is reported in both, the newer first.
        filters.AddNext([buckets[0][7]]);
        Assert.Equal([3L, 0L], filters.MayHold(buckets[0][7]));
    }

    [Fact]
    public void BucketsBeyondTheFirst64_AreFoundNewestFirst_AcrossGroups()
    {
        // Filters are kept 64 buckets to a group: a key stored in buckets of three groups is reported in all three,
        // newest first, and a bucket that never held it is not.
        var filters = new CallSidFilters();
        const long shared = 0x5eed_c0de_1234;
        for (var bucket = 0; bucket < 150; bucket++)
        {
            filters.AddNext(bucket is 3 or 64 or 129 ? [shared, bucket] : [bucket]);
        }

        Assert.Equal(150, filters.Count);
        Assert.Equal([129L, 64L, 3L], filters.MayHold(shared));
        Assert.Equal([149L], filters.MayHold(149));
        Assert.Equal([63L], filters.MayHold(63));
        Assert.Empty(filters.MayHold(150));
    }

    [Fact]
    public void KeysNeverStored_AreRarelyClaimed()
    {
        var random = new Random(7);
        var filters = new CallSidFilters();
        for (var bucket = 0; bucket < 4; bucket++)
        {
            filters.AddNext(Enumerable.Range(0, FullBucket).Select(_ => random.NextInt64()));
        }

        // CallSid keys, as the writer checks them: about 1 in 2,000 per full filter, so about 200 of these 100,000
        // keys checked against four filters; a filter that said "maybe" to everything would claim 400,000.
        var claimed = Enumerable.Range(0, 100_000).Sum(i => filters.MayHold(CallSidHash.Of($"CA{i:x32}")).Count);

        Assert.InRange(claimed, 0, 600);
    }

    [Fact]
    public void Cleared_FiltersNothing()
    {
        var filters = new CallSidFilters();
        filters.AddNext([42]);

        filters.Clear();

        Assert.Equal(0, filters.Count);
        Assert.Empty(filters.MayHold(42));
    }
}
