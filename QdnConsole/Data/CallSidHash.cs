namespace QdnConsole.Data;

/// <summary>
/// The 64-bit key under which a call is indexed instead of its CallSid's text (FNV-1a over the characters: stable
/// across processes and versions, unlike <see cref="string.GetHashCode()"/>). Twilio's CallSids are random, so every
/// new call lands on a random page of whatever index holds them, and that page is written to the log and later copied
/// back into the database. An index of 8-byte keys has about a third of the pages of one of 34-character texts, so
/// under load each checkpoint copies far fewer distinct pages: the webhook's p99 measured about a third lower
/// (bench/README, sixth round). A lookup compares the CallSid itself too, so two CallSids sharing a key are still told
/// apart.
/// </summary>
public static class CallSidHash
{
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
