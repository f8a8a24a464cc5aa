using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Browser;

public sealed partial class HomePageTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [Fact]
    public async Task HomePage_ServerRoundTrip_UpdatesPageWithoutReload()
    {
        // The script the build extracts (build/BlazorScript.targets): without it nothing below can become interactive.
        await SignInAsync();
        var script = await Page.RunAndWaitForResponseAsync(
            () => Page.GotoAsync("/"),
            response => BlazorScriptPath().IsMatch(new Uri(response.Url).AbsolutePath));
        Assert.Equal(200, script.Status);
        Assert.Contains("javascript", await script.HeaderValueAsync("content-type") ?? "", StringComparison.OrdinalIgnoreCase);
        var src = await Page.Locator("script[src*='_framework/blazor.web']").GetAttributeAsync("src");
        Assert.Equal(script.Url, new Uri(new Uri(Page.Url), src).ToString());

        // Blazor has started, and the circuit is up once the page renders its interactive-only marker.
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live");
        // A full reload would drop this; a server round trip over the circuit keeps it.
        await Page.EvaluateAsync("() => window.qdnSamePage = true");

        var heading = Page.Locator("#calls-heading");
        var line = Page.GetByRole(AriaRole.Combobox, new() { Name = "Line", Exact = true });
        await Expect(heading).ToHaveTextAsync("Recent calls");
        await Expect(line.Locator("option").First).ToHaveTextAsync("All lines");
        await Expect(line.Locator("option[value=qdn]")).ToHaveTextAsync("Queen of San Diego");

        await line.SelectOptionAsync(new SelectOptionValue { Value = "qdn" });

        await Expect(heading).ToHaveTextAsync("Recent calls — Queen of San Diego");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.qdnSamePage === true"), "The page reloaded instead of updating in place.");
    }

    // "/_framework/blazor.web.js", or its fingerprinted name such as "/_framework/blazor.web.aa3r7xu005.js".
    [GeneratedRegex(@"^/_framework/blazor\.web(\.[a-z0-9]+)?\.js$")]
    private static partial Regex BlazorScriptPath();
}
