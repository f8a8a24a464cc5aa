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
/// What keeps /calls fast at 100k calls: every page query seeks (or walks in order and stops after 51 rows) one
/// of the Calls indexes; never a full scan of the table, never a sort of everything that matches.
/// </summary>
public sealed partial class CallHistoryQueryPlanTests : IDisposable
{
    private static readonly PageCursor Cursor = new(new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc), 5000);
    private static readonly DateOnly Day = new(2026, 6, 15);

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, CallFilter, PageCursor?, PageCursor?, string> Pages => new()
    {
        { "newest", new CallFilter(), null, null, "SCAN USING INDEX IX_Calls_StartedAtUtc" },
        { "older", new CallFilter(), Cursor, null, "SEARCH USING INDEX IX_Calls_StartedAtUtc (StartedAtUtc<?)" },
        { "newer", new CallFilter(), null, Cursor, "SEARCH USING INDEX IX_Calls_StartedAtUtc (StartedAtUtc>?)" },
        { "line", new CallFilter("qdn"), null, null, "SEARCH USING INDEX IX_Calls_LineId_StartedAtUtc (LineId=?)" },
        { "line older", new CallFilter("qdn"), Cursor, null, "SEARCH USING INDEX IX_Calls_LineId_StartedAtUtc (LineId=? AND StartedAtUtc<?)" },
        { "line newer", new CallFilter("qdn"), null, Cursor, "SEARCH USING INDEX IX_Calls_LineId_StartedAtUtc (LineId=? AND StartedAtUtc>?)" },
        { "dates", new CallFilter(From: Day, To: Day), null, null, "SEARCH USING INDEX IX_Calls_StartedAtUtc (StartedAtUtc>? AND StartedAtUtc<?)" },
        {
            "everything", new CallFilter("qdn", Day, Day, CallDisposition.Voicemail, "619-555", IncludeTest: true), Cursor, null,
            "SEARCH USING INDEX IX_Calls_LineId_StartedAtUtc (LineId=? AND StartedAtUtc>? AND StartedAtUtc<?)"
        },
        { "disposition and caller", new CallFilter(Disposition: CallDisposition.Missed, Caller: "0199"), Cursor, null, "SEARCH USING INDEX IX_Calls_StartedAtUtc (StartedAtUtc<?)" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageQuery_OnSqlite_UsesAnIndexAndNeverSortsOrScansTheTable(string page, CallFilter filter, PageCursor? before, PageCursor? after, string expected)
    {
        var plan = await _app.DbAsync(async db =>
        {
            var scope = await ScopeAsync(filter);
            await using var command = CallHistory.PageQuery(db.Calls.AsNoTracking(), scope, before, after).CreateDbCommand();
            return await ExplainAsync(db, command);
        });

        // A step reads "SEARCH c USING INDEX IX_Calls_StartedAtUtc (StartedAtUtc<?)": c is EF's alias for Calls.
        var steps = plan.Select(step => TableAlias().Replace(step, "$1")).ToList();
        Assert.True(steps.Contains(expected), $"{page}: expected '{expected}' in the plan:\n{string.Join('\n', plan)}");
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
