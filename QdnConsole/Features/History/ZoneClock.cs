using System.Globalization;

namespace QdnConsole.Features.History;

/// <summary>A line's IANA time zone: shows stored UTC moments as the line's staff read them, and turns their dates into UTC bounds.</summary>
public sealed class ZoneClock
{
    private ZoneClock(string zoneId, TimeZoneInfo zone)
    {
        ZoneId = zoneId;
        Zone = zone;
    }

    public static ZoneClock Utc { get; } = new("UTC", TimeZoneInfo.Utc);

    /// <summary>The zone as configured; an unknown id falls back to UTC (and says so in <see cref="ZoneId"/>).</summary>
    public string ZoneId { get; }

    public TimeZoneInfo Zone { get; }

    public static ZoneClock For(string? zoneId) =>
        zoneId is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? new(zoneId, zone) : Utc;

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>2026-11-21 14:02, for lists.</summary>
    public string Minutes(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>2026-11-21 14:02:05, for the call header and the CSV.</summary>
    public string Seconds(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>14:02:05, for a timeline within one call.</summary>
    public string TimeOfDay(DateTime utc) => Local(utc).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now.UtcDateTime));

    /// <summary>
    /// The first UTC moment of a local date. Where a DST change skips midnight the day starts at the first valid
    /// local time; where midnight happens twice it starts at the earlier one.
    /// </summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
