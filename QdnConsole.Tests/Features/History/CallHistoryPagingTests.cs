using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.History;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.History.HistoryTestData;

namespace QdnConsole.Tests.Features.History;

/// <summary>/calls pages through the real app: newest first, 50 a page, Newer/Older without overlap or gap.</summary>
public sealed class CallHistoryPagingTests : IDisposable
{
    // Sub-second ticks, as real calls have: the cursor must find the exact stored moment again.
    private static readonly DateTime Start = new DateTime(2026, 3, 2, 17, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task HistoryPage_120CallsWithTiedTimes_OlderAndNewerWalkEveryCallOnce()
    {
        // Three calls share each minute, stored in shuffled order, so ids and times disagree and the page edges
        // (after the 50th and the 100th) fall inside a tie. Calls of another line are mixed in and must stay out.
        await _app.AddShopLineAsync();
        var calls = Enumerable.Range(0, 120).Select(i => NewCall(Start.AddMinutes(i / 3))).ToList();
        calls.AddRange(Enumerable.Range(0, 10).Select(i => NewCall(Start.AddMinutes(i * 4).AddSeconds(30), lineId: "shop")));
        await _app.InsertAsync([.. calls.OrderBy(_ => Random.Shared.Next())]);
        var expected = await _app.DbAsync(db => db.Calls.Where(c => c.LineId == "qdn")
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Select(c => c.CallSid).ToListAsync());
        var client = await _app.SignedInClientAsync();

        var walk = await WalkAsync(client, "/calls?line=qdn");

        AssertWalkedOnce(expected, walk);
        Assert.Contains("line=qdn", Link(walk.Page1, "#older"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllLines_TwoLinesWithTiedTimes_OlderAndNewerWalkEveryCallOnceInOrder()
    {
        // "All lines" merges each line's own order (no index covers every call's start time). Four calls share each
        // minute, two on each line, stored in shuffled order: the merge must still order ties by id across the lines,
        // and the page edges fall inside ties.
        await _app.AddShopLineAsync();
        var calls = Enumerable.Range(0, 120).Select(i => NewCall(Start.AddMinutes(i / 4), lineId: i % 2 == 0 ? "qdn" : "shop")).ToList();
        await _app.InsertAsync([.. calls.OrderBy(_ => Random.Shared.Next())]);
        var expected = await _app.DbAsync(db => db.Calls
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Select(c => c.CallSid).ToListAsync());
        var client = await _app.SignedInClientAsync();

        var walk = await WalkAsync(client, "/calls");

        Assert.Equal(120, expected.Count);
        AssertWalkedOnce(expected, walk);
    }

    [Fact]
    public async Task PageAsync_NewerFromNearTheTop_ShowsTheFullNewestPage()
    {
        await _app.InsertAsync([.. Enumerable.Range(0, 60).Select(i => NewCall(Start.AddMinutes(i)))]);
        var history = _app.Services.GetRequiredService<CallHistory>();
        var scope = await history.ScopeAsync(new CallFilter(), default);
        var newest = await history.PageAsync(scope, null, null, default);

        // Newer than the 10th newest call: only 9 are newer, so the answer is the newest page, never a short one.
        var fromTenth = await history.PageAsync(scope, null, newest.Rows[9].Cursor, default);
        var fromStale = await history.PageAsync(scope, new PageCursor(Start.AddYears(-1), 1), null, default);

        Assert.Equal(newest.Rows, fromTenth.Rows);
        Assert.Null(fromTenth.Newer);
        Assert.Equal(newest.Rows, fromStale.Rows);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("12.")]
    [InlineData("99999999999999999999.1")]
    [InlineData("3155378975999999999.-4")]
    public void PageCursor_Garbage_IsNoCursor(string? value) => Assert.Null(PageCursor.Parse(value));

    [Fact]
    public void PageCursor_RoundTrip_IsExactToTheTick()
    {
        var cursor = new PageCursor(new DateTime(638_999_999_999_999_999, DateTimeKind.Utc), 42);

        Assert.Equal(cursor, PageCursor.Parse(cursor.ToString()));
    }

    /// <summary>Three pages older from <paramref name="path"/>, then two newer back to the first.</summary>
    private static async Task<Walk> WalkAsync(HttpClient client, string path)
    {
        var page1 = await client.HtmlAsync(path);
        var page2 = await client.HtmlAsync(Link(page1, "#older"));
        var page3 = await client.HtmlAsync(Link(page2, "#older"));
        var back2 = await client.HtmlAsync(Link(page3, "#newer"));
        return new(page1, page2, page3, back2, await client.HtmlAsync(Link(back2, "#newer")));
    }

    /// <summary>120 calls newest first, 50 a page, each shown once each way; Newer and Older only where there is more.</summary>
    private static void AssertWalkedOnce(List<string> expected, Walk walk)
    {
        Assert.Equal(expected[..50], Sids(walk.Page1));
        Assert.Equal(expected[50..100], Sids(walk.Page2));
        Assert.Equal(expected[100..], Sids(walk.Page3));
        Assert.Equal(expected[50..100], Sids(walk.Back2));
        Assert.Equal(expected[..50], Sids(walk.Back1));
        Assert.Equal((false, true), (Has(walk.Page1, "#newer"), Has(walk.Page1, "#older")));
        Assert.Equal((true, true), (Has(walk.Page2, "#newer"), Has(walk.Page2, "#older")));
        Assert.Equal((true, false), (Has(walk.Page3, "#newer"), Has(walk.Page3, "#older")));
        Assert.Equal((false, true), (Has(walk.Back1, "#newer"), Has(walk.Back1, "#older")));
    }

    private static string[] Sids(IDocument page) =>
        [.. page.QuerySelectorAll("tr[data-call-sid]").Select(r => r.GetAttribute("data-call-sid")!)];

    private static bool Has(IDocument page, string selector) => page.QuerySelector(selector) is not null;

    private static string Link(IDocument page, string selector) =>
        new Uri(page.QuerySelector(selector)?.GetAttribute("href") ?? throw new InvalidOperationException($"No {selector} link")).PathAndQuery;

    private sealed record Walk(IDocument Page1, IDocument Page2, IDocument Page3, IDocument Back2, IDocument Back1);
}
