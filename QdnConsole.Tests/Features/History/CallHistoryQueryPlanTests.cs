using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.History;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.History;

/// <summary>
/// What keeps /calls fast at 100k calls: every page query seeks (or walks in order and stops after 51 rows)
/// IX_Calls_LineId_StartedAtUtc, once per line, and "All lines" merges the lines' ordered streams; never a full scan
/// of the table, never a sort of everything that matches.
/// </summary>
public sealed partial class CallHistoryQueryPlanTests : IDisposable
{
    private const string LineIndex = "SEARCH USING INDEX IX_Calls_LineId_StartedAtUtc ";
    private static readonly PageCursor Cursor = new(new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc), 5000);
    private static readonly DateOnly Day = new(2026, 6, 15);

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, CallFilter, PageCursor?, PageCursor?, string> Pages => new()
    {
        { "newest", new CallFilter(), null, null, LineIndex + "(LineId=?)" },
        { "older", new CallFilter(), Cursor, null, LineIndex + "(LineId=? AND StartedAtUtc<?)" },
        { "newer", new CallFilter(), null, Cursor, LineIndex + "(LineId=? AND StartedAtUtc>?)" },
        { "line", new CallFilter("qdn"), null, null, LineIndex + "(LineId=?)" },
        { "line older", new CallFilter("qdn"), Cursor, null, LineIndex + "(LineId=? AND StartedAtUtc<?)" },
        { "line newer", new CallFilter("qdn"), null, Cursor, LineIndex + "(LineId=? AND StartedAtUtc>?)" },
        { "dates", new CallFilter(From: Day, To: Day), null, null, LineIndex + "(LineId=? AND StartedAtUtc>? AND StartedAtUtc<?)" },
        {
            "everything", new CallFilter("qdn", Day, Day, CallDisposition.Voicemail, "619-555", IncludeTest: true), Cursor, null,
            LineIndex + "(LineId=? AND StartedAtUtc>? AND StartedAtUtc<?)"
        },
        { "disposition and caller", new CallFilter(Disposition: CallDisposition.Missed, Caller: "0199"), Cursor, null, LineIndex + "(LineId=? AND StartedAtUtc<?)" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageQuery_OnSqlite_SeeksEachLineAndNeverSortsOrScansTheTable(string page, CallFilter filter, PageCursor? before, PageCursor? after, string expected)
    {
        // Two lines: "All lines" reads both, one seek each, merged in order.
        await _app.AddShopLineAsync();
        var plan = await _app.DbAsync(async db =>
        {
            var scope = await ScopeAsync(filter);
            await using var command = CallHistory.PageQuery(db.Calls.AsNoTracking(), scope, before, after).CreateDbCommand();
            return await ExplainAsync(db, command);
        });

        // A step reads "SEARCH c USING INDEX IX_Calls_LineId_StartedAtUtc (LineId=?)": c is EF's alias for Calls.
        var steps = plan.Select(step => TableAlias().Replace(step, "$1")).ToList();
        var lines = filter.LineId is null ? 2 : 1;
        var shown = $"{page}: the plan was\n{string.Join('\n', plan)}";
        Assert.True(steps.Count(step => step == expected) == lines, $"{page}: expected '{expected}' {lines} times. {shown}");
        Assert.True(steps.Contains("MERGE (UNION ALL)") == (lines > 1), $"Merged only across lines. {shown}");
        Assert.DoesNotContain(steps, step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.Contains("USING INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private Task<HistoryScope> ScopeAsync(CallFilter filter) =>
        _app.Services.GetRequiredService<CallHistory>().ScopeAsync(filter, default);

    private static async Task<List<string>> ExplainAsync(QdnDbContext db, DbCommand command)
    {
        await db.Database.OpenConnectionAsync();
        return await QueryPlan.ExplainAsync(command);
    }

    [GeneratedRegex(@"^(SEARCH|SCAN) \w+")]
    private static partial Regex TableAlias();
}
