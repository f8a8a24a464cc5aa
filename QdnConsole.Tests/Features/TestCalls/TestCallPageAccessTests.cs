using System.Net;
using AngleSharp.Dom;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>Who may open the test call and what-if pages, checked at the HTTP layer (prerendered pages).</summary>
public sealed class TestCallPageAccessTests : IDisposable
{
    private const string StaffEmail = "sergio@example.com";
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/test-call", "%2Ftest-call")]
    [InlineData("/preview", "%2Fpreview")]
    public async Task Page_Visitor_SentToSignIn(string path, string returnUrl)
    {
        using var client = _app.Browserless();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"http://localhost/account/sign-in?ReturnUrl={returnUrl}", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task TestCallPage_Staff_SentToAccessDeniedWithoutTheForm()
    {
        await _app.AddUserAsync(StaffEmail, UserRole.Staff, personName: "Sergio");
        using var client = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);

        using var response = await client.GetAsync(new Uri("/test-call", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/account/access-denied?ReturnUrl=%2Ftest-call", response.Headers.Location?.AbsoluteUri);
        Assert.DoesNotContain("Start test call", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestCallPage_Owner_OffersEachStepOfTheDefaultCascade()
    {
        using var client = await _app.SignedInClientAsync();

        var page = await client.GetPageAsync("/test-call");

        Assert.Equal("+16195550199", page.QuerySelector("#test-caller")?.GetAttribute("value"));
        Assert.Equal(["Sergio", "Backup"], page.QuerySelectorAll("ol.pickers label").Select(l => l.TextContent.Trim()));
        Assert.NotNull(Button(page, "Start test call"));
        Assert.Contains("test-call", NavLinks(page));
    }

    [Fact]
    public async Task PreviewPage_Staff_ShowsTheCascadeNowAndNoTestCallLink()
    {
        await _app.AddUserAsync(StaffEmail, UserRole.Staff, personName: "Sergio");
        using var client = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);

        var page = await client.GetPageAsync("/preview");

        Assert.Equal(["Sergio", "Backup"], page.QuerySelectorAll("ol.steps li.rings").Select(li => li.GetAttribute("data-person")));
        Assert.Contains("Thank you for calling Queen of San Diego.", page.QuerySelector("[data-testid=greeting]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("preview", NavLinks(page));
        Assert.DoesNotContain("test-call", NavLinks(page));
    }

    private static IElement? Button(IDocument page, string name) =>
        page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == name);

    private static List<string?> NavLinks(IDocument page) =>
        [.. page.QuerySelectorAll("nav.top .links a").Select(a => a.GetAttribute("href"))];
}
