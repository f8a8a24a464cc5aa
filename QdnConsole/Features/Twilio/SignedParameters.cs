using System.Buffers;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace QdnConsole.Features.Twilio;

/// <summary>
/// The parameter part of the string Twilio signs. The SDKs disagree only on repeated
/// keys (undocumented by Twilio): Python/Node sign each distinct value, sorted; the C#
/// SDK and twilio-aspnet sign one comma-joined value.
/// </summary>
internal static class SignedParameters
{
    /// <summary>Python/Node form: keys ordinal-sorted, each distinct value (sorted) as key+value.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, StringValues>>? parameters) =>
        SingleValued(parameters) ?? Canonical(Collect(parameters));

    /// <summary>
    /// Every form worth checking: the canonical one, plus the comma-joined C# form when some
    /// key is repeated (for a single value per key the two are identical). The general path:
    /// requests with each key once are signed from <see cref="RentSingleValuedUtf8"/>.
    /// </summary>
    public static IReadOnlyList<string> Forms(IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        var collected = Collect(parameters);
        var canonical = Canonical(collected);
        if (!collected.Values.Any(values => values.Count > 1))
        {
            return [canonical];
        }

        var commaJoined = new StringBuilder();
        foreach (var (key, values) in collected)
        {
            commaJoined.Append(key).AppendJoin(',', values);
        }

        return [canonical, commaJoined.ToString()];
    }

    /// <summary>
    /// The canonical form as UTF-8, when every key comes once with one value (every webhook Twilio sends): the bytes
    /// the signature hashes after the URL, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns
    /// it), with no string built on the way. Null when some key repeats or has no or several values.
    /// </summary>
    public static byte[]? RentSingleValuedUtf8(IEnumerable<KeyValuePair<string, StringValues>>? parameters, out int length)
    {
        length = 0;
        if (!Sorted(parameters, out var pairs, out var count, out var chars))
        {
            return null;
        }

        try
        {
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars));
            for (var i = 0; i < count; i++)
            {
                length += Encoding.UTF8.GetBytes(pairs[i].Key, bytes.AsSpan(length));
                length += Encoding.UTF8.GetBytes(pairs[i].Value, bytes.AsSpan(length));
            }

            return bytes;
        }
        finally
        {
            ReturnPairs(pairs, count);
        }
    }

    /// <summary>The canonical form when every key comes once with one value; null otherwise (the general path's case).</summary>
    private static string? SingleValued(IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        if (!Sorted(parameters, out var pairs, out var count, out var chars))
        {
            return null;
        }

        try
        {
            var signed = new StringBuilder(chars);
            for (var i = 0; i < count; i++)
            {
                signed.Append(pairs[i].Key).Append(pairs[i].Value);
            }

            return signed.ToString();
        }
        finally
        {
            ReturnPairs(pairs, count);
        }
    }

    /// <summary>
    /// The pairs sorted by key (ordinal) in a pooled array, with their total length in characters, when every key comes
    /// once with one value; false (nothing rented) otherwise, and when there are no parameters at all.
    /// </summary>
    private static bool Sorted(
        IEnumerable<KeyValuePair<string, StringValues>>? parameters,
        out KeyValuePair<string, string>[] pairs,
        out int count,
        out int chars)
    {
        pairs = [];
        count = 0;
        chars = 0;
        if (parameters is null)
        {
            return false;
        }

        // A request's form or query knows its size without being enumerated; LINQ's TryGetNonEnumeratedCount does not
        // see that through their interfaces.
        var expected = parameters switch
        {
            IFormCollection form => form.Count,
            IQueryCollection query => query.Count,
            _ => parameters.TryGetNonEnumeratedCount(out var known) ? known : 32,
        };
        pairs = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(Math.Max(expected, 1));
        foreach (var (key, values) in parameters)
        {
            if (values.Count != 1)
            {
                ReturnPairs(pairs, count);
                return false;
            }

            if (count == pairs.Length)
            {
                var larger = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(count * 2);
                pairs.AsSpan(0, count).CopyTo(larger);
                ReturnPairs(pairs, count);
                pairs = larger;
            }

            var pair = new KeyValuePair<string, string>(key ?? string.Empty, values[0] ?? string.Empty);
            pairs[count++] = pair;
            chars += pair.Key.Length + pair.Value.Length;
        }

        pairs.AsSpan(0, count).Sort(ByKey.Instance);
        for (var i = 1; i < count; i++)
        {
            if (string.Equals(pairs[i].Key, pairs[i - 1].Key, StringComparison.Ordinal))
            {
                ReturnPairs(pairs, count);
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns a pooled pair array, cleared so the pool holds no request's strings.</summary>
    private static void ReturnPairs(KeyValuePair<string, string>[] pairs, int count)
    {
        if (pairs.Length > 0)
        {
            pairs.AsSpan(0, count).Clear();
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(pairs);
        }
    }

    private sealed class ByKey : IComparer<KeyValuePair<string, string>>
    {
        public static readonly ByKey Instance = new();

        public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y) => string.CompareOrdinal(x.Key, y.Key);
    }

    private static string Canonical(SortedDictionary<string, List<string>> collected)
    {
        var signed = new StringBuilder();
        foreach (var (key, values) in collected)
        {
            if (values.Count == 0)
            {
                // A field with no value still contributes its name, as in every SDK.
                signed.Append(key);
                continue;
            }

            foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                signed.Append(key).Append(value);
            }
        }

        return signed.ToString();
    }

    // Keys sorted ordinally ("Unix-style case-sensitive"); values kept in arrival order,
    // merging a key that appears in several pairs. Null keys/values count as empty.
    private static SortedDictionary<string, List<string>> Collect(IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        var collected = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in parameters ?? [])
        {
            if (!collected.TryGetValue(key ?? string.Empty, out var list))
            {
                list = [];
                collected.Add(key ?? string.Empty, list);
            }

            foreach (var value in values)
            {
                list.Add(value ?? string.Empty);
            }
        }

        return collected;
    }
}
