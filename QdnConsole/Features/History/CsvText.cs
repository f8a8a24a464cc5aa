namespace QdnConsole.Features.History;

/// <summary>
/// RFC 4180 fields, guarded against spreadsheet formula injection.
/// <para>
/// Guard: a text cell that starts with = + - @, a tab or a carriage return gets a leading single quote, so Excel,
/// LibreOffice and Google Sheets show it as text instead of evaluating it (OWASP's CSV injection advice). The rule
/// has no exceptions, on purpose: an E.164 number such as +16195550199 is written '+16195550199. That keeps its
/// '+' and all its digits (a spreadsheet would otherwise read it as the number 16195550199, or a formula), and
/// every phone column reads the same way. Whoever imports the file into another program strips one leading quote.
/// Numbers and times the export writes itself (durations, ISO 8601) are not text from outside and are not guarded.
/// </para>
/// </summary>
public static class CsvText
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>One text field: guarded, then quoted when it holds a comma, quote or line break (quotes doubled).</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>A record: fields (already made with <see cref="Field"/>) joined with commas and ended with CRLF, as RFC 4180 asks.</summary>
    public static string Record(IEnumerable<string> fields) => string.Join(',', fields) + "\r\n";
}
