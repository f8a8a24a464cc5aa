using System.Globalization;
using System.Text;

namespace QdnConsole.Features.History;

/// <summary>
/// GET /calls/export.csv: every call the /calls filters select (same query string, same <see cref="CallHistory"/>
/// query), newest first, streamed as UTF-8 CSV (with a BOM so Excel reads names right). Signed-in users only, through
/// the fallback policy and said again here. Times are ISO 8601 UTC plus the line's local time and zone. Text cells
/// are guarded against formula injection as <see cref="CsvText"/> explains.
/// </summary>
public static class CallExport
{
    public const string Path = "/calls/export.csv";

    /// <summary>
    /// Rows per download, at most. Past it the file ends with a one-field record saying so, rather than holding a
    /// SQLite read open for minutes; narrower dates get the rest. Raise it here if staff ever need more.
    /// </summary>
    public const int MaxRows = 100_000;

    public static IReadOnlyList<string> Header { get; } =
    [
        "CallSid", "StartedUtc", "StartedLocal", "TimeZone", "Line", "From", "CallerName", "To", "Disposition",
        "AnsweredBy", "VoicemailReason", "DurationSeconds", "TwilioStatus", "EndedUtc", "Test",
    ];

    public static async Task<IResult> ExportCsv(
        HttpContext http,
        string? line,
        string? from,
        string? to,
        string? disposition,
        string? caller,
        string? test,
        CallHistory history,
        TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var scope = await history.ScopeAsync(CallFilter.Parse(line, from, to, disposition, caller, test), ct);
        http.Response.Headers.CacheControl = "no-store";
        var fileName = string.Create(CultureInfo.InvariantCulture, $"calls-{scope.Clock.Today(clock.GetUtcNow()):yyyy-MM-dd}.csv");
        return Results.Stream(
            stream => WriteAsync(stream, scope, history.AllAsync(scope, MaxRows + 1, ct), MaxRows, ct),
            "text/csv; charset=utf-8",
            fileName);
    }

    /// <summary>Writes the header and up to <paramref name="maxRows"/> rows; returns how many rows it wrote.</summary>
    public static async Task<int> WriteAsync(Stream stream, HistoryScope scope, IAsyncEnumerable<HistoryRow> rows, int maxRows, CancellationToken ct)
    {
        // Async writes only: Kestrel refuses synchronous I/O on the response.
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvText.Record(Header.Select(CsvText.Field)));
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (written == maxRows)
            {
                await writer.WriteAsync(CsvText.Record([CsvText.Field(
                    $"# Export stopped at {maxRows} rows; more calls match. Narrow the filters (dates) and export again.")]));
                break;
            }

            await writer.WriteAsync(CsvText.Record(Fields(row, scope)));
            written++;
        }

        await writer.FlushAsync(ct);
        return written;
    }

    private static IEnumerable<string> Fields(HistoryRow row, HistoryScope scope)
    {
        var clock = scope.ClockFor(row.LineId);
        yield return CsvText.Field(row.CallSid);
        yield return Iso(row.StartedAtUtc);
        yield return clock.Seconds(row.StartedAtUtc);
        yield return CsvText.Field(clock.ZoneId);
        yield return CsvText.Field(scope.LineName(row.LineId));
        yield return CsvText.Field(row.From);
        yield return CsvText.Field(row.CallerName);
        yield return CsvText.Field(row.To);
        yield return CsvText.Field(row.Disposition.ToString());
        yield return CsvText.Field(row.AnsweredByName);
        yield return CsvText.Field(row.VoicemailReason?.ToString());
        yield return row.DurationSeconds?.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return CsvText.Field(row.TwilioStatus);
        yield return row.EndedAtUtc is { } ended ? Iso(ended) : "";
        yield return row.IsTest ? "true" : "false";
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
