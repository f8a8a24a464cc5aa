using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Availability;
using QdnConsole.Tests.Features.Availability;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Browser;

/// <summary>The availability page on a phone-sized screen: one tap decides where the very next call goes.</summary>
public sealed class AvailabilityBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string StaffEmail = "sergio@example.com";
    private readonly BrowserFixture _browser = browser;

    [Fact]
    public async Task AvailabilityPage_OwnerFlipsSwitches_NextCallObeys()
    {
        await SignInAsync();
        await OpenAvailabilityAsync(Page);

        await Switch(Page, "Sergio available").UncheckAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sergio is now unavailable");
        var whileOff = await App.Factory.InboundCallAsync();

        await Switch(Page, "Sergio available").CheckAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sergio is now available");
        var backOn = await App.Factory.InboundCallAsync();

        await Page.GetByLabel("Message to callers").FillAsync("We are moving the shop today.");
        await Switch(Page, "Maintenance mode").CheckAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Maintenance mode is now on for Queen of San Diego");
        var maintenance = await App.Factory.InboundCallAsync();

        Assert.Equal((VoiceTestHelpers.Backup, VoiceTestHelpers.Sergio), (whileOff.DialedNumber, backOn.DialedNumber));
        Assert.Null(maintenance.Dial);
        Assert.Contains("maintenance", maintenance.Greeting, StringComparison.Ordinal);
        Assert.Contains("We are moving the shop today.", maintenance.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AvailabilityPage_SwitchedInAnotherBrowser_ShowsNewStateWithoutReload()
    {
        var other = await _browser.NewPageAsync(App.BaseUrl);
        try
        {
            await SignInAsync();
            await SignInAsync(other);
            await OpenAvailabilityAsync(Page);
            await OpenAvailabilityAsync(other);
            await Expect(Switch(other, "Sergio available")).ToBeCheckedAsync();
            // A full reload would drop this; an update over the circuit keeps it.
            await other.EvaluateAsync("() => window.qdnSamePage = true");

            await Switch(Page, "Sergio available").UncheckAsync();

            await Expect(Switch(other, "Sergio available")).Not.ToBeCheckedAsync();
            await Expect(other.Locator(".status").Filter(new() { HasTextString = "Unavailable since" })).ToContainTextAsync($"set by {QdnAppFactory.OwnerEmail}");
            Assert.True(await other.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The other page reloaded instead of updating in place.");
        }
        finally
        {
            await other.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task AvailabilityPage_Staff_SwitchesOnlyThemselves()
    {
        await App.Factory.AddUserAsync(StaffEmail, UserRole.Staff, personName: "Sergio");
        await SignInAsync(StaffEmail, ConsoleUsers.StaffPassword);
        await OpenAvailabilityAsync(Page);

        await Switch(Page, "Sergio available").UncheckAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sergio is now unavailable");
        await Expect(Switch(Page, "Backup available")).ToBeDisabledAsync();
        await Expect(Switch(Page, "Backup available")).ToBeCheckedAsync();
        await Expect(Page.GetByText("Only Backup or an owner can switch this.")).ToBeVisibleAsync();
        await Expect(Switch(Page, "Maintenance mode")).ToBeDisabledAsync();
        var refused = await App.Services.GetRequiredService<AvailabilityCommands>().SetAvailabilityAsync(
            await App.Factory.UserAsync(StaffEmail), new Actor(StaffEmail, "web"), await App.Factory.PersonIdAsync("Backup"), false, null, default);
        Assert.Equal(CommandStatus.Refused, refused.Status);
    }

    [Fact]
    public async Task AvailabilityPage_UntilInThePast_ErrorShownAndSwitchSpringsBack()
    {
        await SignInAsync();
        await OpenAvailabilityAsync(Page);

        await Page.GetByLabel("Until (optional) for Sergio", new() { Exact = true }).FillAsync("2020-01-01T10:00");
        // A click, not UncheckAsync: the refused switch springs back, which is what this test checks.
        await Switch(Page, "Sergio available").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already passed");
        await Expect(Switch(Page, "Sergio available")).ToBeCheckedAsync();
    }

    private static async Task OpenAvailabilityAsync(IPage page)
    {
        // A phone's width: the page is used from Sergio's phone.
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync("/availability");
        await Expect(page.GetByTestId("live")).ToHaveTextAsync("Live");
    }

    private static ILocator Switch(IPage page, string name) =>
        page.GetByRole(AriaRole.Switch, new() { Name = name, Exact = true });
}
