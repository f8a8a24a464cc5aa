using Microsoft.Playwright;
using QdnConsole.Features.TestCalls;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>A fresh install with no Twilio credentials at all: the owner tries the cascade without a phone.</summary>
public sealed class TestCallBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    protected override void ConfigureApp(QdnAppFactory factory) =>
        factory.With("Twilio:AuthToken", "").With("TWILIO_AUTH_TOKEN", "");

    [Fact]
    public async Task TestCallPage_SergioNoAnswerBackupBusy_BoardShowsTestCallAndResultSaysVoicemail()
    {
        var board = await Browser.NewPageAsync(App.BaseUrl);
        try
        {
            await SignInAsync();
            await SignInAsync(board);
            await Expect(board.GetByTestId("live")).ToHaveTextAsync("Live");
            await OpenAsync("/test-call");

            await Page.GetByLabel("Sergio", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "No answer" });
            await Page.GetByLabel("Backup", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Busy" });
            await Page.GetByRole(AriaRole.Button, new() { Name = "Start test call", Exact = true }).ClickAsync();

            await Expect(Page.GetByTestId("test-end")).ToHaveTextAsync("Voicemail");
            await Expect(Page.GetByTestId("test-result").Locator("ol.transcript > li").First).ToContainTextAsync("POST /twilio/inbound-call");
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Watch it on the board" })).ToHaveAttributeAsync("href", "");
            var call = board.Locator("li.call").Filter(new() { HasTextString = TestCallPlan.DefaultCaller });
            await Expect(call.Locator(".badge")).ToHaveTextAsync(["voicemail", "test"]);

            await Page.GetByRole(AriaRole.Link, new() { Name = "Open the call’s timeline" }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/calls/\d+$"));
        }
        finally
        {
            await board.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task SergioSwitchedOff_PreviewSkipsHimAndTestCallOffersOnlyTheBackup()
    {
        await SignInAsync();
        await OpenAsync("/availability");
        await Page.GetByRole(AriaRole.Switch, new() { Name = "Sergio available", Exact = true }).UncheckAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sergio is now unavailable");

        await OpenAsync("/preview");
        var steps = Page.Locator("ol.steps > li");
        await Expect(steps.Locator(".step-name")).ToHaveTextAsync(["Sergio", "Backup"]);
        await Expect(steps.Nth(0)).ToContainTextAsync($"skipped Sergio unavailable (set by {QdnAppFactory.OwnerEmail} ");
        await Expect(steps.Nth(1)).ToContainTextAsync("rings +18583354807 for 20 s");

        await OpenAsync("/test-call");
        await Expect(Page.GetByLabel("Sergio", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(Page.GetByLabel("Backup", new() { Exact = true })).ToBeEnabledAsync();
        await Page.GetByLabel("Backup", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Answered" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start test call", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("test-end")).ToHaveTextAsync("Reached a person");
        await Expect(Page.GetByTestId("test-result")).ToContainTextAsync("Connected to +18583354807.");
    }

    private async Task OpenAsync(string path)
    {
        await Page.SetViewportSizeAsync(375, 740);
        await Page.GotoAsync(path);
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live");
    }
}
