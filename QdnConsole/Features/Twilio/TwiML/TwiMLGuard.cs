using System.Xml;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// Argument checks for TwiML values. Twilio reports bad TwiML only at call time (a
/// spoken error to the caller), so obviously invalid input fails fast here instead.
/// </summary>
internal static class TwiMLGuard
{
    private static readonly string[] Methods = ["GET", "POST"];

    /// <summary>Verb body: required, and only characters XML can carry.</summary>
    public static string Text(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return Value(value, paramName)!;
    }

    /// <summary>Optional attribute value: characters XML can carry (otherwise Save would throw later).</summary>
    public static string? Value(string? value, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException e)
        {
            throw new ArgumentException("The value contains characters that are not allowed in XML.", paramName, e);
        }

        return value;
    }

    public static int? Range(int? value, int min, int max, string paramName)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ArgumentOutOfRangeException(paramName, v, $"Must be between {min} and {max}.");
        }

        return value;
    }

    // Twilio only knows GET and POST for callbacks (upper-case, as in its docs).
    public static string? Method(string? value, string paramName) => OneOf(value, Methods, paramName);

    public static string? OneOf(string? value, IReadOnlyCollection<string> allowed, string paramName)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Must be one of: {string.Join(", ", allowed)}.", paramName);
        }

        return value;
    }

    /// <summary>Space-separated list (e.g. statusCallbackEvent, input) whose items must all be known.</summary>
    public static string? Tokens(string? value, IReadOnlyCollection<string> allowed, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        var tokens = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens.Any(t => !allowed.Contains(t, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"Must be a space-separated list of: {string.Join(", ", allowed)}.", paramName);
        }

        return value;
    }

    /// <summary>finishOnKey: any of 0-9, # and *; empty means "no finishing key".</summary>
    public static string? Keys(string? value, string paramName)
    {
        if (value is not null && value.Any(c => !char.IsAsciiDigit(c) && c != '#' && c != '*'))
        {
            throw new ArgumentException("Only the keys 0-9, # and * are allowed.", paramName);
        }

        return value;
    }
}
