using System.Net;
using QdnConsole.Features.Auth;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Auth;

public sealed class SignInTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/calls")]
    [InlineData("/availability")]
    [InlineData("/voicemails")]
    public async Task Visitor_AnyConsolePage_SentToSignIn(string path)
    {
        using var client = _app.Browserless();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", Target(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visitor_SignInPage_ShowsOnlyTheForm()
    {
        using var client = _app.Browserless();

        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Contains("<label for=\"email\">Email</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Recent calls", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sergio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_RedirectsToReturnUrlWithSecureCookie()
    {
        using var client = _app.Browserless();

        using var response = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, QdnAppFactory.OwnerPassword, returnUrl: "/calls");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/calls", Target(response));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("qdn.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Recent calls", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("/\\evil.example.com")]
    public async Task SignIn_ForeignReturnUrl_GoesHomeInstead(string returnUrl)
    {
        using var client = _app.Browserless();

        using var response = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, QdnAppFactory.OwnerPassword, returnUrl);

        Assert.Equal("http://localhost/", Target(response));
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownEmail_SameNeutralAnswer()
    {
        using var client = _app.Browserless();

        using var wrongPassword = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, "not-the-password");
        using var unknownEmail = await client.PostSignInAsync("nobody@example.com", "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        var first = await wrongPassword.Content.ReadAsStringAsync();
        var second = await unknownEmail.Content.ReadAsStringAsync();
        Assert.Contains(SignIn.Neutral, first, StringComparison.Ordinal);
        Assert.Contains(SignIn.Neutral, second, StringComparison.Ordinal);
        Assert.DoesNotContain("qdn.auth=", string.Join(';', wrongPassword.Headers.TryGetValues("Set-Cookie", out var c) ? c : []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_SixthWrongTryWithin15Minutes_LockedOutEvenWithRightPassword()
    {
        using var client = _app.Browserless();
        for (var i = 0; i < PasswordSignIn.MaxFailures; i++)
        {
            using var failed = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, $"wrong-{i}");
            Assert.Contains(SignIn.Neutral, await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var sixth = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, QdnAppFactory.OwnerPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, sixth.StatusCode);
        Assert.Contains(SignIn.Locked, await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownEmailHammered_LooksLikeLockoutToo()
    {
        using var client = _app.Browserless();
        for (var i = 0; i < PasswordSignIn.MaxFailures; i++)
        {
            using var failed = await client.PostSignInAsync("nobody@example.com", $"wrong-{i}");
        }

        using var sixth = await client.PostSignInAsync("nobody@example.com", "anything");

        Assert.Contains(SignIn.Locked, await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_IsPostWithAntiforgery()
    {
        using var client = await _app.SignedInClientAsync();

        using var get = await client.GetAsync(new Uri("/account/sign-out", UriKind.Relative));
        using var forged = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent([]));
        var token = await client.AntiforgeryTokenAsync("/");
        using var real = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    /// <summary>Where a redirect goes, resolved as a browser would.</summary>
    private static string Target(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsoluteUri;
}
