using System.Globalization;
using QdnConsole.Data;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.History;

/// <summary>A position in the newest-first order: the (StartedAtUtc, Id) of a row. Id breaks ties on the same moment.</summary>
public sealed record PageCursor(DateTime StartedAtUtc, long Id)
{
    /// <summary>Ticks and id ("638999999999999999.42"): exact, so a row on the page edge is never repeated or skipped.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartedAtUtc.Ticks}.{Id}");

    public static PageCursor? Parse(string? value)
    {
        var parts = value?.Split('.');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? new(new DateTime(t, DateTimeKind.Utc), i)
            : null;
    }
}

/// <summary>One call as the history list and the CSV show it (no timeline).</summary>
public sealed record HistoryRow(
    long Id,
    string CallSid,
    string LineId,
    string From,
    string? CallerName,
    string To,
    DateTime StartedAtUtc,
    DateTime? EndedAtUtc,
    int? DurationSeconds,
    string? TwilioStatus,
    CallDisposition Disposition,
    string? AnsweredByName,
    VoicemailReason? VoicemailReason,
    bool IsTest)
{
    public PageCursor Cursor => new(StartedAtUtc, Id);
}

/// <summary>Up to a page of rows, newest first, with the cursors for the next page each way (null: nothing there).</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryRow> Rows, PageCursor? Newer, PageCursor? Older);

/// <summary>A filter resolved against the stored lines: the zone its dates are read in, and their UTC bounds.</summary>
public sealed class HistoryScope(CallFilter filter, IReadOnlyList<CascadeLine> lines)
{
    private readonly Dictionary<string, (CascadeLine Line, ZoneClock Clock)> _byId =
        lines.ToDictionary(l => l.Id, l => (l, ZoneClock.For(l.TimeZone)));

    public CallFilter Filter => filter;

    public IReadOnlyList<CascadeLine> Lines => lines;

    /// <summary>The filtered line, or with "All lines" the first line: its zone is the one the dates mean.</summary>
    public CascadeLine? ZoneLine { get; } = lines.FirstOrDefault(l => l.Id == filter.LineId) ?? (lines.Count > 0 ? lines[0] : null);

    public ZoneClock Clock => ZoneLine is null ? ZoneClock.Utc : _byId[ZoneLine.Id].Clock;

    /// <summary>Inclusive: the first moment of the From date in <see cref="Clock"/>.</summary>
    public DateTime? FromUtc => filter.From is { } from ? Clock.StartOfDayUtc(from) : null;

    /// <summary>Exclusive: the first moment of the day after the To date, so the whole To day is in.</summary>
    public DateTime? ToUtc => filter.To is { } to ? Clock.StartOfDayUtc(to.AddDays(1)) : null;

    /// <summary>Each call is shown in its own line's zone.</summary>
    public ZoneClock ClockFor(string lineId) => _byId.TryGetValue(lineId, out var line) ? line.Clock : ZoneClock.Utc;

    public string LineName(string lineId) => _byId.TryGetValue(lineId, out var line) ? line.Line.Name : lineId;
}

/// <summary>One timeline event, ready to show.</summary>
public sealed record TimelineEntry(
    int Sequence,
    string At,
    CallEventKind Kind,
    int? StepPosition,
    string? PersonName,
    string? Target,
    string? Outcome,
    string? Reason,
    int? DurationSeconds);

/// <summary>A call with its line and its whole decision timeline, in order.</summary>
public sealed record CallDetail(Call Call, string LineName, ZoneClock Clock, IReadOnlyList<TimelineEntry> Timeline, long? VoicemailId);
