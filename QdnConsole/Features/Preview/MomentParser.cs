using System.Globalization;
using System.Text.RegularExpressions;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.Preview;

/// <summary>A moment typed for a line: the UTC instant, or why it could not be read.</summary>
public sealed record ParsedMoment(DateTime? Utc, string? Error)
{
    public static ParsedMoment Invalid(string error) => new(null, error);
}

/// <summary>
/// Reads the moments people type for a line's what-if preview, as wall-clock time in the line's zone:
/// "now", "Saturday 22:00", "sat 10pm", "tomorrow 9:00", "2026-11-28 22:00" (or the datetime-local form
/// "2026-11-28T22:00"). A weekday means its next occurrence: today if that time is still ahead, else next week.
/// </summary>
public static partial class MomentParser
{
    public const string Examples = "now, Saturday 22:00, sat 10pm, tomorrow 9:00 or 2026-11-28 22:00";

    public static ParsedMoment Parse(string? text, string? timeZone, DateTime nowUtc)
    {
        var input = Tidy(text);
        if (input is "" or "now")
        {
            return new(nowUtc, null);
        }

        var match = DayAndTime().Match(input);
        if (!match.Success || !TryTime(match.Groups["time"].Value, out var time))
        {
            return ParsedMoment.Invalid(DayOnly(input)
                ? $"Add a time to “{text?.Trim()}”, e.g. Saturday 22:00."
                : $"Could not read “{text?.Trim()}” as a moment. Try {Examples}.");
        }

        var localNow = LineClock.ToLocal(timeZone, nowUtc);
        var today = DateOnly.FromDateTime(localNow);
        var day = match.Groups["day"].Value;
        DateTime local;
        if (day.Length == 0)
        {
            // A bare time is the next time the clock shows it.
            local = today.ToDateTime(time);
            local = local > localNow ? local : local.AddDays(1);
        }
        else if (TryWeekday(day, out var weekday))
        {
            local = today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7).ToDateTime(time);
            local = local > localNow ? local : local.AddDays(7);
        }
        else if (day is "today" or "tomorrow")
        {
            local = today.AddDays(day == "today" ? 0 : 1).ToDateTime(time);
        }
        else if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            local = date.ToDateTime(time);
        }
        else
        {
            return ParsedMoment.Invalid($"“{match.Groups["day"].Value}” is not a day. Use a weekday, today, tomorrow or a date like 2026-11-28.");
        }

        var (utc, error) = LineClock.FromLocal(timeZone, local);
        return error is null ? new(utc, null) : ParsedMoment.Invalid(error);
    }

    /// <summary>Lower case, single spaces, no commas or "at", and the datetime-local "T" turned into a space.</summary>
    private static string Tidy(string? text)
    {
        var input = (text ?? string.Empty).Trim().ToLowerInvariant();
        input = IsoSeparator().Replace(input, "$1 ");
        input = Spaces().Replace(input.Replace(',', ' '), " ").Trim();
        return input.Replace(" at ", " ", StringComparison.Ordinal);
    }

    private static bool TryTime(string text, out TimeOnly time)
    {
        time = default;
        if (text is "noon" or "midnight")
        {
            time = text == "noon" ? new TimeOnly(12, 0) : TimeOnly.MinValue;
            return true;
        }

        var match = Clock().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var suffix = match.Groups["ampm"].Value;
        if (suffix.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            // 12am is midnight, 12pm is noon.
            hour = (hour % 12) + (suffix[0] == 'p' ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static bool TryWeekday(string word, out DayOfWeek weekday)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString().ToLowerInvariant();
            // "sat", "tues", "thurs", "saturday": any start of the name from three letters on.
            if (word.Length >= 3 && name.StartsWith(word, StringComparison.Ordinal))
            {
                weekday = day;
                return true;
            }
        }

        weekday = default;
        return false;
    }

    private static bool DayOnly(string input) =>
        input is "today" or "tomorrow" || TryWeekday(input, out _) || DateOnly.TryParseExact(input, "yyyy-MM-dd", out _);

    // An optional day word or ISO date, then the time: "sat 10pm", "2026-11-28 22:00", "22:00".
    [GeneratedRegex(@"^(?:(?<day>[a-z]+|\d{4}-\d{2}-\d{2}) )?(?<time>\S+(?: ?[ap]\.?m\.?)?)$")]
    private static partial Regex DayAndTime();

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?(?::\d{2})?(?: ?(?<ampm>[ap])\.?m\.?)?$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})t(?=\d)")]
    private static partial Regex IsoSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
