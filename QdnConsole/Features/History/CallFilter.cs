using System.Globalization;
using QdnConsole.Data;

namespace QdnConsole.Features.History;

/// <summary>
/// What the history shows, as it travels in the query string: the /calls page and the CSV export read the same
/// keys through <see cref="Parse"/>, so a bookmarked view and its download always agree. Parsing is lenient:
/// a value that makes no sense is ignored rather than failing the page.
/// </summary>
public sealed record CallFilter(
    string? LineId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    CallDisposition? Disposition = null,
    string? Caller = null,
    bool IncludeTest = false)
{
    public const string LineKey = "line";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string DispositionKey = "disposition";
    public const string CallerKey = "caller";
    public const string TestKey = "test";

    public static CallFilter Parse(string? line, string? from, string? to, string? disposition, string? caller, string? test) => new(
        Text(line),
        Date(from),
        Date(to),
        DispositionNamed(disposition),
        Text(caller),
        test?.Trim().ToLowerInvariant() is "true" or "on" or "1");

    /// <summary>
    /// What to look for in the stored From number (E.164): the digits typed, so "619-555-0199" or "(619) 555" find
    /// "+16195550199"; text without digits ("anonymous") is looked for as typed.
    /// </summary>
    public string? CallerNeedle
    {
        get
        {
            if (Caller is null)
            {
                return null;
            }

            var digits = string.Concat(Caller.Where(char.IsAsciiDigit));
            return digits.Length > 0 ? digits : Caller;
        }
    }

    /// <summary>The filter as query-string values; null values are left out of a URL.</summary>
    public IReadOnlyDictionary<string, string?> ToQuery() => new Dictionary<string, string?>
    {
        [LineKey] = LineId,
        [FromKey] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [ToKey] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [DispositionKey] = Disposition?.ToString(),
        [CallerKey] = Caller,
        [TestKey] = IncludeTest ? "true" : null,
    };

    /// <summary>A path with this filter as its query string, e.g. calls/export.csv?line=qdn.</summary>
    public string AppendTo(string path)
    {
        var query = string.Join('&', ToQuery()
            .Where(kv => kv.Value is not null)
            .Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    /// <summary>Longer than any stored value (From holds at most 64 characters), so a huge query string costs nothing.</summary>
    private const int MaxText = 64;

    private static string? Text(string? value)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > MaxText ? text[..MaxText] : text;
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>By name only: Enum.TryParse would also take "3" or "Answered,Voicemail" (flags arithmetic).</summary>
    private static CallDisposition? DispositionNamed(string? value) => Enum.GetValues<CallDisposition>()
        .Select(d => (CallDisposition?)d)
        .FirstOrDefault(d => string.Equals(d.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
