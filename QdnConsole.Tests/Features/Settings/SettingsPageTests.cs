using System.Net;
using QdnConsole.Data;
using QdnConsole.Features.Settings;
using QdnConsole.Tests.Features.Secrets;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Settings;

/// <summary>/settings: which credentials are set and what each does, for the owner only, never a value.</summary>
public sealed class SettingsPageTests
{
    [Fact]
    public async Task Settings_OwnerWithApiKey_ShowsWhichCredentialDoesWhatNoWarning()
    {
        using var app = new QdnAppFactory().With("TWILIO_API_KEY", FakeTwilioApi.ApiKey).With("TWILIO_API_SECRET", FakeTwilioApi.ApiSecret);
        using var client = await app.SignedInClientAsync();

        var page = await client.GetPageAsync("/settings");

        var credentials = page.QuerySelectorAll("[data-testid=credential]").Select(Text).ToList();
        Assert.Equal(
        [
            "Account SID TWILIO_ACCOUNT_SID | set (…0000)",
            "Auth token TWILIO_AUTH_TOKEN | set",
            "Secondary auth token TWILIO_AUTH_TOKEN_SECONDARY | not set",
            "API key TWILIO_API_KEY | set (…0000)",
            "API key secret TWILIO_API_SECRET | set",
        ], credentials);
        var uses = page.QuerySelectorAll("[data-testid=use] dd strong").Select(e => e.TextContent).ToList();
        Assert.Equal(["auth token", "API key …0000", "account SID + auth token"], uses);
        Assert.Null(page.QuerySelector("[data-testid=fallback-warning]"));
        Assert.Equal(app.SecretsFilePath, page.QuerySelector("[data-testid=secrets-path]")?.TextContent);
        Assert.StartsWith("Not found", page.QuerySelector("[data-testid=secrets-state]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_NoApiKey_WarnsRestFallsBackToAuthToken()
    {
        using var app = new QdnAppFactory();
        using var client = await app.SignedInClientAsync();

        var page = await client.GetPageAsync("/settings");

        Assert.Equal(CredentialReport.FallbackWarning, page.QuerySelector("[data-testid=fallback-warning]")?.TextContent);
        Assert.Contains("account SID + auth token (fallback: no API key)",
            page.QuerySelectorAll("[data-testid=use] dd strong").Select(e => e.TextContent));
    }

    [Fact]
    public async Task Settings_SecretsFileWithSecondaryToken_RotationShownValuesNot()
    {
        using var app = new QdnAppFactory();
        SecretsFiles.Write(app.SecretsFilePath, "TWILIO_AUTH_TOKEN_SECONDARY=fake-secondary-token-shown-never\nTWILIO_API_KEY=SK0000000000000000000000000000abcd\nTWILIO_API_SECRET=fake-api-secret-shown-never\n");
        using var client = await app.SignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/settings", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await client.GetPageAsync("/settings");

        Assert.Contains("Secondary auth token TWILIO_AUTH_TOKEN_SECONDARY | set: a token rotation is in progress",
            page.QuerySelectorAll("[data-testid=credential]").Select(Text));
        Assert.Equal(["auth token, and the secondary auth token during the rotation", "API key …abcd", "account SID + auth token"],
            page.QuerySelectorAll("[data-testid=use] dd strong").Select(e => e.TextContent));
        Assert.Contains("it sets TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_AUTH_TOKEN_SECONDARY.", page.QuerySelector("[data-testid=secrets-state]")?.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { "fake-secondary-token-shown-never", "fake-api-secret-shown-never", QdnAppFactory.AuthToken, "SK0000000000000000000000000000abcd", QdnAppFactory.AccountSid })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Settings_Staff_Forbidden()
    {
        using var app = new QdnAppFactory();
        await app.AddUserAsync("staff@example.com", UserRole.Staff);
        using var client = await app.SignedInClientAsync("staff@example.com", ConsoleUsers.StaffPassword);

        using var response = await client.GetAsync(new Uri("/settings", UriKind.Relative));
        var home = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
        Assert.Null(home.QuerySelector("nav a[href='settings']"));
    }

    [Fact]
    public async Task Settings_Anonymous_SentToSignIn()
    {
        using var app = new QdnAppFactory();
        using var client = app.Browserless();

        using var response = await client.GetAsync(new Uri("/settings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nav_Owner_HasSettingsLink()
    {
        using var app = new QdnAppFactory();
        using var client = await app.SignedInClientAsync();

        var home = await client.GetPageAsync("/");

        Assert.Equal("Settings", home.QuerySelector("nav a[href='settings']")?.TextContent);
    }

    private static string Text(AngleSharp.Dom.IElement row) =>
        $"{string.Join(' ', row.QuerySelector("dt")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))} | {row.QuerySelector("dd")!.TextContent.Trim()}";
}
