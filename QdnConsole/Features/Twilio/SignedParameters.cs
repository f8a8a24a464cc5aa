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
    /// key is repeated (for a single value per key the two are identical).
    /// </summary>
    public static IReadOnlyList<string> Forms(IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        if (SingleValued(parameters) is { } simple)
        {
            return [simple];
        }

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
    /// The canonical form when every key comes once with one value (every webhook Twilio sends): the pairs sorted by
    /// key, without the general path's per-key collections. Null when some key repeats or has no or several values.
    /// </summary>
    private static string? SingleValued(IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        // A request's form or query knows its size without being enumerated; LINQ's TryGetNonEnumeratedCount does not
        // see that through their interfaces.
        var pairs = new List<KeyValuePair<string, string>>(parameters switch
        {
            IFormCollection form => form.Count,
            IQueryCollection query => query.Count,
            _ => parameters.TryGetNonEnumeratedCount(out var count) ? count : 32,
        });
        var length = 0;
        foreach (var (key, values) in parameters)
        {
            if (values.Count != 1)
            {
                return null;
            }

            var pair = new KeyValuePair<string, string>(key ?? string.Empty, values[0] ?? string.Empty);
            pairs.Add(pair);
            length += pair.Key.Length + pair.Value.Length;
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var signed = new StringBuilder(length);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0 && string.Equals(pairs[i].Key, pairs[i - 1].Key, StringComparison.Ordinal))
            {
                return null;
            }

            signed.Append(pairs[i].Key).Append(pairs[i].Value);
        }

        return signed.ToString();
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
