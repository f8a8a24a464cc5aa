using System.Diagnostics;
using Microsoft.Playwright;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Browser;

/// <summary>Staff watch calls cascade live: pushed to every open board, no reload.</summary>
public sealed class LiveBoardBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task Board_CallPlacedThroughWebhook_AppearsAndMovesOnASecondBoardWithoutReload()
    {
        var second = await Browser.NewPageAsync(App.BaseUrl);
        await SignInAsync();
        await SignInAsync(second);
        foreach (var page in new[] { Page, second })
        {
            await Expect(page.GetByTestId("live")).ToHaveTextAsync("Live");
            await page.EvaluateAsync("() => window.qdnSamePage = true");
        }

        var twilio = new TwilioWebhookClient(App.Factory.CreateClient());
        var sid = VoiceTestHelpers.NewCallSid();
        var card = second.Locator($"article.live-call[data-call-sid='{sid}']");
        var clock = Stopwatch.StartNew();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("Ringing Sergio");
        Output.WriteLine($"new call on the second board after {clock.ElapsedMilliseconds} ms");

        clock.Restart();
        await twilio.PostAsync(first.DialAction!, VoiceTestHelpers.DialEnded(sid, "no-answer", "false", "ringing"));
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("Ringing Backup");
        await Expect(card.Locator("ol.timeline")).ToContainTextAsync("Sergio did not answer within 20 s");
        Output.WriteLine($"next step on the second board after {clock.ElapsedMilliseconds} ms");

        // The ringing counter ticks on its own, without any new event.
        var before = await card.GetByRole(AriaRole.Status).TextContentAsync();
        await Expect(card.GetByRole(AriaRole.Status)).Not.ToHaveTextAsync(before!);

        await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "30")));
        await Expect(card).ToHaveCountAsync(0);
        await Expect(second.Locator($"li.call[data-call-sid='{sid}'] .badge").First).ToHaveTextAsync("caller hung up");
        Assert.True(await second.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The second board reloaded.");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The first board reloaded.");
        await second.Context.DisposeAsync();
    }
}
