using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Auth;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Auth;

/// <summary>
/// The whole Google flow over HTTP: the app (TestServer) redirects to a fake provider on real loopback HTTP, which
/// redirects back; the app then calls the provider's token and userinfo endpoints itself over the network.
/// </summary>
public sealed class GoogleSignInTests : IAsyncLifetime, IDisposable
{
    private readonly QdnAppFactory _app = new();
    private readonly HttpClient _browserAtProvider = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private GoogleFakeProvider _google = null!;

    public async Task InitializeAsync()
    {
        _google = await GoogleFakeProvider.StartAsync();
        _app.With("Authentication:Google:ClientId", GoogleFakeProvider.ClientId)
            .With("Authentication:Google:ClientSecret", GoogleFakeProvider.ClientSecret)
            .With("Authentication:Google:AuthorizationEndpoint", _google.BaseUrl + "/authorize")
            .With("Authentication:Google:TokenEndpoint", _google.BaseUrl + "/token")
            .With("Authentication:Google:UserInformationEndpoint", _google.BaseUrl + "/userinfo");
    }

    public Task DisposeAsync() => _google.DisposeAsync().AsTask();

    public void Dispose()
    {
        _browserAtProvider.Dispose();
        _app.Dispose();
    }

    [Theory]
    [InlineData(UserRole.Staff, HttpStatusCode.Redirect, "/account/access-denied?ReturnUrl=%2Fusers")]
    [InlineData(UserRole.Owner, HttpStatusCode.OK, null)]
    public async Task Google_InvitedEmail_SignedInWithTheRoleFromOurStore(UserRole role, HttpStatusCode usersPage, string? sentTo)
    {
        await _app.AddUserAsync("invited@example.com", role, password: null);
        _google.Account = new GoogleAccount("Invited@Example.com", Name: "Invited Person");
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client, returnUrl: "/calls");

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/calls", landed.Headers.Location?.OriginalString);
        Assert.True(SetsAuthCookie(landed));
        Assert.Contains("Recent calls", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        using var users = await client.GetAsync(new Uri("/users", UriKind.Relative));
        Assert.Equal(usersPage, users.StatusCode);
        Assert.Equal(sentTo, users.Headers.Location?.PathAndQuery);
        var stored = await UserAsync("invited@example.com");
        Assert.NotNull(stored.LastSignInAtUtc);
        Assert.Equal("Invited Person", stored.DisplayName);
    }

    [Fact]
    public async Task Google_UnknownEmail_RefusedAsNotInvitedWithoutCookie()
    {
        _google.Account = new GoogleAccount("stranger@example.com");
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client);

        Assert.Equal("/account/sign-in?error=not-invited", landed.Headers.Location?.OriginalString);
        Assert.False(SetsAuthCookie(landed));
        var page = await client.GetStringAsync(landed.Headers.Location);
        Assert.Contains("That Google account has not been invited.", page, StringComparison.Ordinal);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Google_Pkce_AppSendsS256ChallengeAndTheMatchingVerifier()
    {
        await _app.AddUserAsync("invited@example.com", UserRole.Staff, password: null);
        _google.Account = new GoogleAccount("invited@example.com");
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client);

        Assert.True(SetsAuthCookie(landed));
        var authorize = Assert.Single(_google.AuthorizeRequests);
        var token = Assert.Single(_google.TokenRequests);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal("openid email profile", authorize["scope"]);
        Assert.Equal("http://localhost/signin-google", authorize["redirect_uri"]);
        Assert.False(authorize.ContainsKey("client_secret"));
        Assert.Equal(authorize["code_challenge"], GoogleFakeProvider.S256(token["code_verifier"]));
        Assert.Empty(_google.TokenRefusals);
    }

    [Fact]
    public async Task Google_VerifierNotMatchingChallenge_ProviderRefusesAndNobodySignsIn()
    {
        await _app.AddUserAsync("invited@example.com", UserRole.Staff, password: null);
        _google.Account = new GoogleAccount("invited@example.com");
        _google.TamperWithChallenge = true;
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client);

        Assert.Equal("pkce", Assert.Single(_google.TokenRefusals));
        Assert.Equal("/account/sign-in?error=google", landed.Headers.Location?.OriginalString);
        Assert.False(SetsAuthCookie(landed));
    }

    [Fact]
    public async Task Google_UnverifiedEmail_RefusedWithoutCookie()
    {
        await _app.AddUserAsync("invited@example.com", UserRole.Owner, password: null);
        _google.Account = new GoogleAccount("invited@example.com", EmailVerified: false);
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client);

        Assert.Equal("/account/sign-in?error=google", landed.Headers.Location?.OriginalString);
        Assert.False(SetsAuthCookie(landed));
        Assert.Null((await UserAsync("invited@example.com")).LastSignInAtUtc);
    }

    [Fact]
    public async Task Google_CallbackInAnotherBrowser_RefusedAsCorrelationFails()
    {
        await _app.AddUserAsync("invited@example.com", UserRole.Owner, password: null);
        _google.Account = new GoogleAccount("invited@example.com");
        using var attacker = _app.Browserless();
        using var victim = _app.Browserless();
        using var challenge = await attacker.GetAsync(new Uri("/account/google", UriKind.Relative));
        using var atProvider = await _browserAtProvider.GetAsync(challenge.Headers.Location);

        // The victim's browser is sent the attacker's callback URL (login CSRF): it lacks the correlation cookie.
        using var landed = await victim.GetAsync(atProvider.Headers.Location);

        Assert.Equal("/account/sign-in?error=google", landed.Headers.Location?.OriginalString);
        Assert.False(SetsAuthCookie(landed));
        Assert.Empty(_google.TokenRequests);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    public async Task Google_ForeignReturnUrl_ComesBackHomeInstead(string returnUrl)
    {
        await _app.AddUserAsync("invited@example.com", UserRole.Staff, password: null);
        _google.Account = new GoogleAccount("invited@example.com");
        using var client = _app.Browserless();

        using var landed = await SignInWithGoogleAsync(client, returnUrl);

        Assert.Equal("/", landed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInPage_GoogleConfigured_OffersTheButton()
    {
        using var client = _app.Browserless();

        var html = await client.GetStringAsync(new Uri("/account/sign-in?returnUrl=%2Fcalls", UriKind.Relative));

        Assert.Contains("action=\"/account/google\"", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in with Google</button>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/calls\"", html, StringComparison.Ordinal);
    }

    /// <summary>Follows the redirects by hand: app → provider (real HTTP) → app's callback; returns the callback's answer.</summary>
    private async Task<HttpResponseMessage> SignInWithGoogleAsync(HttpClient client, string returnUrl = "/")
    {
        using var challenge = await client.GetAsync(new Uri("/account/google?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_google.BaseUrl + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);

        using var atProvider = await _browserAtProvider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!;
        Assert.Equal("http://localhost/signin-google", callback.GetLeftPart(UriPartial.Path));

        return await client.GetAsync(callback);
    }

    private static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("qdn.auth=", StringComparison.Ordinal));

    private async Task<User> UserAsync(string email)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>().CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }
}

public sealed class GoogleSignInConfigurationTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Google_NotConfigured_NoButtonAndNoChallenge()
    {
        using var client = _app.Browserless();

        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var challenge = await client.GetAsync(new Uri("/account/google", UriKind.Relative));

        Assert.DoesNotContain("Sign in with Google", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    [Fact]
    public void Google_OnlyClientIdSet_AppRefusesToStartNamingTheKeys()
    {
        _app.With("Authentication:Google:ClientId", GoogleFakeProvider.ClientId);

        var failure = Assert.ThrowsAny<Exception>(() => _app.Services);

        Assert.Contains("Authentication:Google: set both ClientId and ClientSecret", failure.ToString(), StringComparison.Ordinal);
    }
}
