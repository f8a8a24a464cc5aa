using System.Net;
using System.Text.RegularExpressions;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Auth;

public sealed partial class OwnerSetupTests : IDisposable
{
    // No configured owner: the first start logs a one-time setup link.
    private readonly QdnAppFactory _app = new QdnAppFactory().With("Qdn:Owner:Email", "").With("Qdn:Owner:Password", "");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FirstStart_NoOwnerConfigured_LoggedLinkCreatesOwnerOnce()
    {
        using var client = _app.Browserless();
        var link = SetupLink().Match(string.Join('\n', _app.Logs.Lines)).Value;
        Assert.StartsWith("/setup?code=", link, StringComparison.Ordinal);

        var created = await PostSetupAsync(client, link, "sergio@example.com", "a-long-enough-fake-password");
        var again = await client.GetStringAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Recent calls", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("This setup link is not valid", again, StringComparison.Ordinal);
        using var fresh = _app.Browserless();
        using var signIn = await fresh.PostSignInAsync("sergio@example.com", "a-long-enough-fake-password");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Setup_WrongCode_CreatesNothing()
    {
        using var client = _app.Browserless();

        var page = await client.GetStringAsync(new Uri("/setup?code=0000", UriKind.Relative));

        Assert.Contains("This setup link is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Create owner", page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string link, string email, string password)
    {
        var token = await client.AntiforgeryTokenAsync(link);
        var code = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];
        return await client.PostAsync(new Uri("/setup", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = token,
            ["code"] = code,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("/setup\\?code=[0-9a-f]{32}")]
    private static partial Regex SetupLink();
}
