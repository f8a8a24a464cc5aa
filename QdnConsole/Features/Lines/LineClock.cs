using System.Globalization;

namespace QdnConsole.Features.Lines;

/// <summary>Moments shown as wall-clock time in a line's IANA time zone (UTC when the zone is unknown).</summary>
public static class LineClock
{
    public static DateTime ToLocal(string? timeZone, DateTime utc)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? string.Empty, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }

    /// <summary>"Sat 21 Nov 2026, 14:02".</summary>
    public static string Format(string? timeZone, DateTime utc) =>
        ToLocal(timeZone, utc).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The moment as ISO 8601 UTC, for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
