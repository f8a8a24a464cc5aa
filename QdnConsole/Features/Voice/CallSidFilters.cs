using QdnConsole.Data;

namespace QdnConsole.Features.Voice;

/// <summary>
/// A Bloom filter of the CallSid keys in each closed bucket of the calls' index (<see cref="CallSidHash"/>), so the
/// writer can prove a CallSid new without a seek into every bucket: it seeks the buckets it has no filter of (the
/// newest, still filling) and only those closed ones whose filter may hold the key. A filter never misses a key it
/// was built from; it wrongly answers "maybe" for about 1 in 2,000 other keys, which costs one seek, never a wrong
/// answer.
/// <para>
/// A closed bucket never gains a call: ids only grow (AUTOINCREMENT), so every new call lands in the newest bucket.
/// Filters are built from the store, bucket 0 upwards, once each bucket has closed, so they also cover calls other
/// connections added. Calls deleted later only leave a "maybe" behind. The writer drops every filter whenever it
/// opens the store again (a file replaced, say). 8 KiB per 4,096 calls: 2 MB for a million.
/// </para>
/// Used by the writer's thread alone.
/// </summary>
internal sealed class CallSidFilters
{
    /// <summary>Bits per filter: 16 per call of a full bucket.</summary>
    private const int Bits = 1 << (CallSidHash.BucketBits + 4);

    /// <summary>Bits set per key: the fewest false "maybe"s for 16 bits per key (about 0.05 %).</summary>
    private const int BitsPerKey = 11;

    private readonly List<ulong[]> _filters = [];

    /// <summary>Buckets 0 to <c>Count - 1</c> have a filter; the writer seeks every bucket from here up.</summary>
    public int Count => _filters.Count;

    /// <summary>Adds the filter of bucket <see cref="Count"/>, built from every key stored in it.</summary>
    public void AddNext(IEnumerable<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var filter = new ulong[Bits / 64];
        foreach (var key in keys)
        {
            var (first, step) = Positions(key);
            for (var i = 0; i < BitsPerKey; i++)
            {
                var (word, mask) = Bit(first, step, i);
                filter[word] |= mask;
            }
        }

        _filters.Add(filter);
    }

    /// <summary>The filtered buckets that may hold <paramref name="key"/>, newest first.</summary>
    public IEnumerable<long> MayHold(long key)
    {
        var (first, step) = Positions(key);
        for (var bucket = _filters.Count - 1; bucket >= 0; bucket--)
        {
            if (Holds(_filters[bucket], first, step))
            {
                yield return bucket;
            }
        }
    }

    public void Clear() => _filters.Clear();

    private static bool Holds(ulong[] filter, uint first, uint step)
    {
        for (var i = 0; i < BitsPerKey; i++)
        {
            var (word, mask) = Bit(first, step, i);
            if ((filter[word] & mask) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The word and mask of a key's <paramref name="i"/>-th bit.</summary>
    private static (int Word, ulong Mask) Bit(uint first, uint step, int i)
    {
        var bit = (first + ((uint)i * step)) & (Bits - 1);
        return ((int)(bit >> 6), 1UL << (int)(bit & 63));
    }

    /// <summary>
    /// Where a key's bits go: double hashing over a remix of the key (SplitMix64's finaliser), so keys that differ
    /// in a few bits still spread over the whole filter. The step is odd: with a power-of-two size its bits never repeat.
    /// </summary>
    private static (uint First, uint Step) Positions(long key)
    {
        var x = unchecked((ulong)key);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        x ^= x >> 31;
        return ((uint)x, (uint)(x >> 32) | 1);
    }
}
