using Microsoft.Playwright;
using QdnConsole.Features.Dashboard;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// 200 calls at once while two signed-in boards are open: every call is stored, and once the burst is over each
/// board shows what the database holds (live calls, recent calls and their outcomes), without a reload.
/// </summary>
public sealed class BurstWithLiveBoardsTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const int Calls = 200;
    private const int LeftRinging = 20;

    [Fact]
    public async Task TwoHundredSimultaneousCalls_TwoBoardsOpen_AllStoredAndBothBoardsMatchTheDatabase()
    {
        var second = await Browser.NewPageAsync(App.BaseUrl);
        IPage[] boards = [Page, second];
        foreach (var board in boards)
        {
            await SignInAsync(board);
            await Expect(board.GetByTestId("live")).ToHaveTextAsync("Live");
            await board.EvaluateAsync("() => window.qdnSamePage = true");
        }

        var twilio = new TwilioWebhookClient(App.Factory.CreateClient());
        // The first calls nobody answers: Backup is still ringing for them when the burst ends.
        var replies = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            var sid = NewCallSid();
            var ringing = await twilio.PostAsync(InboundCall, Inbound(sid));
            var next = await twilio.PostAsync(ringing.DialAction ?? InboundCall, i < LeftRinging ? NoAnswer(sid) : Answered(sid));
            return (Sid: sid, Ringing: ringing, Next: next);
        }));

        Assert.All(replies, r => Assert.Equal((200, Sergio, 200), (r.Ringing.Status, r.Ringing.DialedNumber, r.Next.Status)));
        var stored = StoreFile.Calls(App.Factory.DatabasePath);
        Assert.Equal(replies.Select(r => r.Sid).Order(), stored.Keys.Order());
        Assert.Empty(stored.Values.SelectMany(c => c.Problems()));
        Assert.Equal("ok", StoreFile.IntegrityCheck(App.Factory.DatabasePath));
        Assert.Equal(LeftRinging, stored.Values.Count(c => c.Disposition == "InProgress"));
        Assert.Equal(Calls - LeftRinging, stored.Values.Count(c => c.Disposition == "Answered"));

        var live = StoreFile.CallSids(App.Factory.DatabasePath, "SELECT CallSid FROM Calls WHERE Disposition = 'InProgress' ORDER BY StartedAtUtc DESC, Id DESC");
        var recent = StoreFile.CallSids(App.Factory.DatabasePath,
            $"SELECT CallSid || ' ' || Disposition FROM Calls ORDER BY StartedAtUtc DESC, Id DESC LIMIT {DashboardQueries.RecentCallCount}");
        foreach (var board in boards)
        {
            await Expect(board.Locator("#live-heading")).ToHaveTextAsync($"Live now ({LeftRinging})");
            await Expect(board.Locator("article.live-call [role=status]")).ToContainTextAsync(Enumerable.Repeat("Ringing Backup", LeftRinging).ToArray());
            Assert.Equal(live, await EventuallyAsync(board, "article.live-call", live));
            Assert.Equal(recent, await EventuallyAsync(board, "li.call", recent));
            Assert.True(await board.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "A board reloaded.");
        }

        await second.Context.DisposeAsync();
    }

    /// <summary>
    /// The board's list as "CallSid Disposition" (or just CallSid for live cards) once it equals the expected one, or
    /// as it still is after 30 s. A bounded wait: the board refreshes on its own after the last signal.
    /// </summary>
    private static async Task<List<string>> EventuallyAsync(IPage board, string selector, List<string> expected)
    {
        var withDisposition = expected.FirstOrDefault()?.Contains(' ', StringComparison.Ordinal) == true;
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserFixture.TimeoutMs);
        while (true)
        {
            var shown = (await board.Locator(selector).EvaluateAllAsync<string[][]>(
                "els => els.map(e => [e.dataset.callSid, e.querySelector('.badge')?.textContent ?? ''])"))
                .Select(row => withDisposition ? $"{row[0]} {Disposition(row[1])}" : row[0]).ToList();
            if (shown.SequenceEqual(expected) || DateTime.UtcNow > deadline)
            {
                return shown;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The stored disposition a recent-call badge stands for (see CallList.Describe).</summary>
    private static string Disposition(string badge) =>
        badge.StartsWith("answered by Sergio", StringComparison.Ordinal) ? "Answered"
        : badge == "in progress" ? "InProgress"
        : badge;
}
