using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.Voicemails;

/// <summary>The voicemail page in a real browser: live arrivals, marking handled, links to a voicemail.</summary>
public sealed class VoicemailsBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task VoicemailsPage_NewVoicemailWhileOpen_AppearsThenMarkHandledHidesIt()
    {
        await SignInAsync();
        await Page.GotoAsync("/voicemails");
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live");
        await Expect(Page.Locator("#no-voicemails")).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var voicemail = await App.Factory.LeaveVoicemailAsync(new TwilioWebhookClient(http), seconds: 65);

        var item = Page.Locator($"#vm-{voicemail.Id}");
        await Expect(item.Locator(".duration")).ToHaveTextAsync("1:05");
        await item.GetByRole(AriaRole.Button, new() { Name = "Mark handled" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Voicemail from {TwilioWebhookClient.Caller} marked handled.");
        await Expect(item).ToHaveCountAsync(0);
        var entry = await App.Factory.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "voicemail.handled"));
        Assert.Equal((QdnAppFactory.OwnerEmail, "web"), (entry.Actor, entry.Source));
    }

    [Fact]
    public async Task VoicemailLink_HandledVoicemail_FilterWidenedAndItemFocused()
    {
        var voicemail = await App.Factory.LeaveVoicemailAsync();
        await App.Factory.DbAsync(db => db.Voicemails.Where(v => v.Id == voicemail.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Handled, true)));
        await SignInAsync();

        await Page.GotoAsync($"/voicemails#vm-{voicemail.Id}");

        var item = Page.Locator($"#vm-{voicemail.Id}");
        await Expect(item).ToBeFocusedAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "Unhandled only" })).Not.ToBeCheckedAsync();
        await Expect(item.GetByRole(AriaRole.Button, new() { Name = "Mark unhandled" })).ToBeVisibleAsync();
    }
}
