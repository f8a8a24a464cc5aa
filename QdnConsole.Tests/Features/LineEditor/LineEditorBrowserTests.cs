using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.LineEditor;

/// <summary>The line editor in a real browser: reorder and save, and refusing invalid input.</summary>
public sealed class LineEditorBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task LineEditor_BackupMovedUpAndSergioRings30s_NextCallFollowsIt()
    {
        await OpenEditorAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Move Backup (step 2) up" }).ClickAsync();
        await Expect(Page.Locator("#step-0-person")).ToHaveValueAsync("Backup");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Move Backup (step 1) up" })).ToBeDisabledAsync();
        await Page.Locator("#step-1-ring").FillAsync("30");
        await Page.Locator("#step-1-ring").PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".outcome")).ToContainTextAsync("The next call uses this cascade.");
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var twilio = new TwilioWebhookClient(http);
        var sid = VoiceTestHelpers.NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var second = await twilio.PostAsync(first.DialAction!, VoiceTestHelpers.DialEnded(sid, "no-answer", "false", "ringing"));
        Assert.Equal(VoiceTestHelpers.Backup, first.DialedNumber);
        Assert.Equal((VoiceTestHelpers.Sergio, "30"), (second.DialedNumber, second.Dial!.Attribute("timeout")?.Value));
    }

    [Fact]
    public async Task LineEditor_RingSeconds4AndBadNumber_MessagesNextToFieldsAndNothingSaved()
    {
        await OpenEditorAsync();

        await Page.Locator("#step-0-ring").FillAsync("4");
        await Page.Locator("#step-0-ring").PressAsync("Tab");
        await Page.Locator("#step-1-number").FillAsync("335-4807");
        await Page.Locator("#step-1-number").PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".outcome")).ToHaveTextAsync("Not saved: fix the fields marked below.");
        await Expect(Page.Locator("#step-0-ring ~ .validation-message")).ToHaveTextAsync("Ring seconds: between 5 and 600.");
        await Expect(Page.Locator("#step-0-ring")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#step-1-number ~ .validation-message")).ToContainTextAsync("Phone number: not a phone number");
        var steps = await App.Factory.DbAsync(db => db.CascadeSteps.AsNoTracking().Include(s => s.Person).OrderBy(s => s.Position).ToListAsync());
        Assert.Equal([("Sergio", 20), ("Backup", 20)], steps.Select(s => (s.Person.Name, s.RingSeconds)));
        Assert.False(await App.Factory.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "line.edited")));
    }

    private async Task OpenEditorAsync()
    {
        await SignInAsync();
        await Page.GotoAsync("/lines/qdn");
        // Save is enabled once the page is interactive.
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToBeEnabledAsync();
    }
}
