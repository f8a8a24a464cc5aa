using Microsoft.Playwright;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static QdnConsole.Tests.Features.History.HistoryTestData;

namespace QdnConsole.Tests.Features.History;

/// <summary>/calls in a real browser: filters go to the address bar, the back button undoes them, the CSV downloads.</summary>
public sealed class CallHistoryBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private static readonly DateTime Start = new(2026, 6, 15, 17, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task HistoryPage_FilterChanges_InAddressBarWithoutReloadAndBackUndoesThem()
    {
        await App.Factory.InsertAsync(
            NewCall(Start, disposition: CallDisposition.Voicemail),
            NewCall(Start.AddMinutes(1), disposition: CallDisposition.Voicemail, from: "+17605550123"),
            NewCall(Start.AddMinutes(2)),
            NewCall(Start.AddMinutes(3)),
            NewCall(Start.AddMinutes(4), disposition: CallDisposition.Abandoned));
        await SignInAsync();
        await Page.GotoAsync("/calls");
        await Expect(Page.Locator("form.filters[data-interactive]")).ToHaveCountAsync(1);
        await Page.EvaluateAsync("() => window.qdnSamePage = true");
        var rows = Page.Locator("tr[data-call-sid]");
        await Expect(rows).ToHaveCountAsync(5);

        await Page.GetByLabel("Disposition").SelectOptionAsync(new SelectOptionValue { Value = "Voicemail" });
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/calls\?disposition=Voicemail$"));
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("#download-csv")).ToHaveAttributeAsync("href", "calls/export.csv?disposition=Voicemail");

        await Page.GetByLabel("Caller").FillAsync("619-555-0199");
        await Page.GetByLabel("Caller").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"disposition=Voicemail&caller=619-555-0199$"));
        await Expect(rows).ToHaveCountAsync(1);

        await Page.GoBackAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.GetByLabel("Caller")).ToHaveValueAsync("");
        await Page.GoBackAsync();
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(Page.GetByLabel("Disposition")).ToHaveValueAsync("");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The page reloaded instead of updating in place.");
    }

    [Fact]
    public async Task HistoryPage_DownloadCsv_DownloadsTheFilteredFile()
    {
        await App.Factory.InsertAsync(NewCall(Start, disposition: CallDisposition.Voicemail), NewCall(Start.AddMinutes(1)));
        await SignInAsync();
        await Page.GotoAsync("/calls?disposition=Voicemail");
        await Expect(Page.Locator("form.filters[data-interactive]")).ToHaveCountAsync(1);

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());

        Assert.Matches(@"^calls-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = Csv.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.Equal(2, csv.Count);
        Assert.Equal("Voicemail", csv[1][8]);
    }

    [Fact]
    public async Task HistoryPage_RowLink_OpensTheCallDetail()
    {
        await App.Factory.InsertAsync(NewCall(Start, callerName: "PATEL R"));
        await SignInAsync();
        await Page.GotoAsync("/calls");

        await Page.Locator("tr[data-call-sid] td.when a").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Call from +16195550199");
        await Expect(Page.Locator("#caller")).ToHaveTextAsync("+16195550199 (PATEL R)");
    }
}
