using System.Globalization;

namespace QdnConsole.Features.Lines;

/// <summary>Wall-clock times in a line's IANA time zone (UTC when the zone is unknown): shown to staff, and typed by them.</summary>
public static class LineClock
{
    public static TimeZoneInfo Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime ToLocal(string? timeZone, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZone));

    /// <summary>"Sat 21 Nov 2026, 14:02".</summary>
    public static string Format(string? timeZone, DateTime utc) =>
        ToLocal(timeZone, utc).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"14:02" today, "Nov 20 14:02" on another day (both in the line's zone).</summary>
    public static string Brief(string? timeZone, DateTime utc, DateTime nowUtc)
    {
        var local = ToLocal(timeZone, utc);
        var format = local.Date == ToLocal(timeZone, nowUtc).Date ? "HH:mm" : "MMM d HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A wall-clock time typed for the line's zone, as UTC; null with a reason when that time does not exist there.</summary>
    public static (DateTime? Utc, string? Error) FromLocal(string? timeZone, DateTime local)
    {
        var zone = Zone(timeZone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            return (null, $"{unspecified:HH:mm} does not exist on that day in {zone.Id} (the clocks skip it).");
        }

        return (TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), null);
    }

    /// <summary>The moment as ISO 8601 UTC, for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
