using System.Text;

namespace QdnConsole.Features.Secrets;

/// <summary>
/// The dotenv format, as far as a secrets file needs it: <c>KEY=value</c> lines, optional <c>export </c>, <c>#</c> comments,
/// blank lines, 'single' (literal) or "double" quotes (with \n, \r, \t, \", \\ escapes), whitespace trimmed around keys and
/// unquoted values. In an unquoted value a <c>#</c> after whitespace starts a comment. A value is one line.
/// Errors name the line number and the problem, never the line's text: it may hold a secret.
/// </summary>
public static class DotEnv
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, string>>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            var content = line.Trim();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            pairs.Add(ParseLine(content, i + 1));
        }

        return pairs;
    }

    private static KeyValuePair<string, string> ParseLine(string content, int number)
    {
        if (content.StartsWith("export", StringComparison.Ordinal) && content.Length > 6 && char.IsWhiteSpace(content[6]))
        {
            content = content[7..].TrimStart();
        }

        var equals = content.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new DotEnvFormatException(number, "expected KEY=value");
        }

        var key = content[..equals].Trim();
        if (!IsKey(key))
        {
            throw new DotEnvFormatException(number, "the name before '=' is not a valid key (letters, digits, '_', '.', '-' or ':', not starting with a digit)");
        }

        return new(key, Value(content[(equals + 1)..], number));
    }

    private static bool IsKey(string key) =>
        key.Length > 0
        && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or ':');

    private static string Value(string raw, int number)
    {
        var start = 0;
        while (start < raw.Length && char.IsWhiteSpace(raw[start]))
        {
            start++;
        }

        if (start < raw.Length && raw[start] is '"' or '\'')
        {
            return Quoted(raw, start, number);
        }

        // '#' after whitespace starts a comment; '#' inside a value (a#b, or first as in #b) is kept.
        var end = raw.Length;
        for (var i = start + 1; i < raw.Length; i++)
        {
            if (raw[i] == '#' && char.IsWhiteSpace(raw[i - 1]))
            {
                end = i;
                break;
            }
        }

        return raw[start..end].Trim();
    }

    private static string Quoted(string raw, int start, int number)
    {
        var quote = raw[start];
        var value = new StringBuilder();
        var i = start + 1;
        for (; i < raw.Length && raw[i] != quote; i++)
        {
            if (quote == '"' && raw[i] == '\\' && i + 1 < raw.Length)
            {
                i++;
                value.Append(raw[i] switch
                {
                    'n' => "\n",
                    'r' => "\r",
                    't' => "\t",
                    '"' => "\"",
                    '\\' => "\\",
                    var other => "\\" + other,
                });
                continue;
            }

            value.Append(raw[i]);
        }

        if (i >= raw.Length)
        {
            throw new DotEnvFormatException(number,
                $"the value's opening {(quote == '"' ? "double" : "single")} quote is never closed (a value is one line; write \\n in double quotes for a line break)");
        }

        var rest = raw[(i + 1)..].Trim();
        if (rest.Length > 0 && rest[0] != '#')
        {
            throw new DotEnvFormatException(number, "unexpected text after the closing quote");
        }

        return value.ToString();
    }
}

/// <summary>A line of a dotenv file that cannot be read; the message names the line, never its content.</summary>
public sealed class DotEnvFormatException(int lineNumber, string problem)
    : FormatException($"line {lineNumber}: {problem}")
{
    public int LineNumber => lineNumber;

    public string Problem => problem;
}
