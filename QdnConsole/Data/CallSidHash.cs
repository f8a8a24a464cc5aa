namespace QdnConsole.Data;

/// <summary>
/// The 64-bit key under which a call is indexed instead of its CallSid's text (FNV-1a over the characters: stable
/// across processes and versions, unlike <see cref="string.GetHashCode()"/>). Twilio's CallSids are random, so every
/// new call lands on a random page of whatever index holds them, and that page is written to the log and later copied
/// back into the database. An index of 8-byte keys has about a third of the pages of one of 34-character texts, so
/// under load each checkpoint copies far fewer distinct pages: the webhook's p99 measured about a third lower
/// (bench/README, sixth round). A lookup compares the CallSid itself too, so two CallSids sharing a key are still told
/// apart.
/// <para>
/// The index is ordered by the call's bucket first (<see cref="BucketColumn"/>: its id over 4,096, a generated
/// column), then by this key. A new call therefore lands among the calls of its own bucket only — a few hot pages at
/// the end of the index — instead of on any page of an index over every call ever stored, and a checkpoint copies
/// those pages rather than pages spread over the whole index (bench/README, seventh round: p99 about halved).
/// </para>
/// <para>
/// A lookup by CallSid probes the buckets newest first (<see cref="InBucketsSql"/>), one seek each; a call being
/// routed is in the newest bucket or the one before. Proving a CallSid new (the writer, for every new call) would take
/// a seek in every bucket, so the writer keeps a filter of each closed bucket's keys and seeks only where one may
/// hold it (Features/Voice/CallSidFilters).
/// </para>
/// </summary>
public static class CallSidHash
{
    /// <summary>A bucket holds the calls whose ids share everything above the low <see cref="BucketBits"/> bits.</summary>
    public const int BucketBits = 12;

    /// <summary>The generated column holding a call's bucket.</summary>
    public const string BucketColumn = "CallSidBucket";

    /// <summary>The generated column's SQL (SQLite and PostgreSQL alike).</summary>
    public static readonly string BucketSql = $"\"Id\" >> {BucketBits}";

    /// <summary>The bucket of the call with id <paramref name="callId"/>.</summary>
    public static long BucketOf(long callId) => callId >> BucketBits;

    /// <summary>The condition finding the call (alias <c>c</c>) whose key is @CallSidHash and CallSid @CallSid.</summary>
    public const string MatchesCallSid = "c.\"CallSidHash\" = @CallSidHash AND c.\"CallSid\" = @CallSid";

    /// <summary>
    /// A statement selecting <paramref name="columns"/> of at most <paramref name="limit"/> calls (alias <c>c</c>)
    /// meeting <paramref name="condition"/>, which must fix the key (<c>c."CallSidHash" = …</c>): every bucket from the
    /// newest down to 0 is probed, newest first, and CROSS JOIN keeps the buckets the outer loop, so each is one seek
    /// into the index.
    /// </summary>
    public static string InBucketsSql(string columns, string condition, int limit) =>
        $"WITH RECURSIVE \"buckets\"(\"n\") AS (SELECT MAX(\"Id\") >> {BucketBits} FROM \"Calls\"" +
        " UNION ALL SELECT \"n\" - 1 FROM \"buckets\" WHERE \"n\" > 0)" +
        $" SELECT {columns} FROM \"buckets\" CROSS JOIN \"Calls\" AS c" +
        $" WHERE c.\"{BucketColumn}\" = \"buckets\".\"n\" AND {condition} LIMIT {limit}";

    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The key of <paramref name="callSid"/>; 0 is kept for rows not keyed yet, so no CallSid maps to it.</summary>
    public static long Of(string callSid)
    {
        ArgumentNullException.ThrowIfNull(callSid);
        var hash = OffsetBasis;
        foreach (var c in callSid)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash == 0 ? 1 : unchecked((long)hash);
    }
}
