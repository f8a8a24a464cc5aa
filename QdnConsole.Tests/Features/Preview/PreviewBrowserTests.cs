using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QdnConsole.Tests.Features.Availability;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.Preview;

/// <summary>The what-if page in a real browser, on a phone-sized screen.</summary>
public sealed class PreviewBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task PreviewPage_SergioSwitchedUnavailable_SergioSkippedAndBackupRingsWithoutReload()
    {
        await SignInAsync();
        await OpenPreviewAsync();
        await Expect(Step("Sergio")).ToHaveClassAsync(new Regex(@"\brings\b"));
        await Page.EvaluateAsync("() => window.qdnSamePage = true");

        await App.Factory.Commands().SetAvailabilityAsync(
            await App.Factory.UserAsync(), AvailabilityTestHelpers.TestActor, await App.Factory.PersonIdAsync("Sergio"), false, null, default);

        await Expect(Step("Sergio").Locator(".reason")).ToHaveTextAsync(new Regex($"^Sergio unavailable \\(set by {Regex.Escape(QdnAppFactory.OwnerEmail)} \\d\\d:\\d\\d\\)$"));
        await Expect(Step("Backup")).ToContainTextAsync("rings +18583354807 for 20 s");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The page reloaded instead of updating in place.");
    }

    [Fact]
    public async Task PreviewPage_TypedFriendlyMoment_ShowsThatMomentOrAClearError()
    {
        await SignInAsync();
        await OpenPreviewAsync();
        var when = Page.GetByLabel("When", new() { Exact = true });

        await when.FillAsync("sat 10pm");
        await when.PressAsync("Enter");
        await Expect(Page.Locator("#preview-heading time")).ToContainTextAsync("Sat");
        await Expect(Page.Locator("#preview-heading time")).ToContainTextAsync("22:00");

        await when.FillAsync("someday");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Could not read “someday”");
        await Expect(Page.GetByTestId("preview")).ToHaveCountAsync(0);
        await Expect(when).ToHaveAttributeAsync("aria-invalid", "true");
    }

    private async Task OpenPreviewAsync()
    {
        await Page.SetViewportSizeAsync(375, 740);
        await Page.GotoAsync("/preview");
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live");
    }

    private ILocator Step(string person) => Page.Locator($"ol.steps > li[data-person='{person}']");
}
