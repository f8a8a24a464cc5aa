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
/// opens the store again (a file replaced, say). 8 KiB per 4,096 calls: 2 MB for a million, allocated 512 KiB at a time.
/// </para>
/// <para>
/// The filters are stored bit-sliced, 64 buckets to a group: word <c>p</c> of a group holds bit <c>p</c> of each of its
/// 64 filters. Every filter has the same size and the same hashes, so a key's 11 positions are worked out once, and
/// ANDing 11 words of a group gives at once every bucket in it that may hold the key. Checking a key costs 11 reads
/// per 262,144 calls, not a probe of each of their 64 filters.
/// </para>
/// Used by the writer's thread alone.
/// </summary>
internal sealed class CallSidFilters
{
    /// <summary>Bits per filter: 16 per call of a full bucket.</summary>
    private const int Bits = 1 << (CallSidHash.BucketBits + 4);

    /// <summary>Bits set per key: the fewest false "maybe"s for 16 bits per key (about 0.05 %).</summary>
    private const int BitsPerKey = 11;

    /// <summary>Filters per group: one bit of each word.</summary>
    private const int GroupSize = 64;

    /// <summary>Group g holds the filters of buckets 64g to 64g + 63; bit b of its word p is bit p of bucket 64g + b's filter.</summary>
    private readonly List<ulong[]> _groups = [];

    /// <summary>Buckets 0 to <c>Count - 1</c> have a filter; the writer seeks every bucket from here up.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the filter of bucket <see cref="Count"/>, built from every key stored in it.</summary>
    public void AddNext(IEnumerable<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (Count % GroupSize == 0)
        {
            _groups.Add(new ulong[Bits]);
        }

        var group = _groups[^1];
        var mask = 1UL << (Count % GroupSize);
        Span<int> positions = stackalloc int[BitsPerKey];
        foreach (var key in keys)
        {
            Positions(key, positions);
            foreach (var position in positions)
            {
                group[position] |= mask;
            }
        }

        Count++;
    }

    /// <summary>The filtered buckets that may hold <paramref name="key"/>, newest first.</summary>
    public IReadOnlyList<long> MayHold(long key)
    {
        Span<int> positions = stackalloc int[BitsPerKey];
        Positions(key, positions);
        List<long>? buckets = null;
        for (var g = _groups.Count - 1; g >= 0; g--)
        {
            var group = _groups[g];
            var candidates = ulong.MaxValue;
            foreach (var position in positions)
            {
                candidates &= group[position];
            }

            // Newest first: the highest bit is the newest bucket of the group. A group's unfilled filters are all zero.
            while (candidates != 0)
            {
                var bit = 63 - System.Numerics.BitOperations.LeadingZeroCount(candidates);
                (buckets ??= []).Add(((long)g * GroupSize) + bit);
                candidates &= ~(1UL << bit);
            }
        }

        return buckets ?? (IReadOnlyList<long>)[];
    }

    public void Clear()
    {
        _groups.Clear();
        Count = 0;
    }

    /// <summary>
    /// A key's bit positions: double hashing over a remix of the key (SplitMix64's finaliser), so keys that differ in
    /// a few bits still spread over the whole filter. The step is odd: with a power-of-two size its positions never repeat.
    /// </summary>
    private static void Positions(long key, Span<int> positions)
    {
        var x = unchecked((ulong)key);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        x ^= x >> 31;
        var (first, step) = ((uint)x, (uint)(x >> 32) | 1);
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = (int)((first + ((uint)i * step)) & (Bits - 1));
        }
    }
}
