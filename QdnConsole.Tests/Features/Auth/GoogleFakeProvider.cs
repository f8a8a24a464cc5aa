using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace QdnConsole.Tests.Features.Auth;

/// <summary>The account the fake provider says signed in.</summary>
public sealed record GoogleAccount(string Email, bool EmailVerified = true, string Name = "Fake Person", string Sub = "1234567890");

/// <summary>
/// A tiny OAuth 2.0 provider on real loopback HTTP, strict where it matters: it checks the client credentials, the
/// redirect URI and PKCE (S256 of the verifier must equal the challenge it was given), and codes work once.
/// </summary>
public sealed class GoogleFakeProvider : IAsyncDisposable
{
    public const string ClientId = "fake-client-id.apps.example.test";
    public const string ClientSecret = "fake-client-secret-not-real";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, GoogleAccount> _tokens = new();

    private GoogleFakeProvider(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Who "signs in at Google" on the next authorization.</summary>
    public GoogleAccount Account { get; set; } = new("someone@example.com");

    /// <summary>Remember a challenge other than the one the app sent, so the app's (right) verifier no longer matches.</summary>
    public bool TamperWithChallenge { get; set; }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> AuthorizeRequests { get; } = new();

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public ConcurrentQueue<string> TokenRefusals { get; } = new();

    public static async Task<GoogleFakeProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new GoogleFakeProvider(app);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/userinfo", provider.UserInfo);
        await app.StartAsync();
        provider.BaseUrl = app.Urls.Single().TrimEnd('/');
        return provider;
    }

    public static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        AuthorizeRequests.Enqueue(query);
        if (query.GetValueOrDefault("client_id") != ClientId || query.GetValueOrDefault("response_type") != "code")
        {
            return Results.BadRequest("unknown client or response type");
        }

        var code = Guid.NewGuid().ToString("N");
        var challenge = TamperWithChallenge ? S256("not-the-apps-verifier") : query.GetValueOrDefault("code_challenge");
        _codes[code] = new Grant(challenge, query.GetValueOrDefault("code_challenge_method"), query["redirect_uri"], Account);
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"], new Dictionary<string, string?>
        {
            ["code"] = code,
            ["state"] = query.GetValueOrDefault("state"),
        }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(form);
        var (grant, refusal) = Redeem(form);
        if (grant is null)
        {
            TokenRefusals.Enqueue(refusal);
            return Results.Json(new { error = "invalid_grant", error_description = refusal }, statusCode: StatusCodes.Status400BadRequest);
        }

        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = grant.Account;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3599 });
    }

    /// <summary>The grant for a valid token request, or what is wrong with it.</summary>
    private (Grant? Grant, string Refusal) Redeem(Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("grant_type") != "authorization_code")
        {
            return (null, "grant_type");
        }

        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return (null, "client");
        }

        if (!_codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var grant))
        {
            return (null, "code");
        }

        if (grant.RedirectUri != form.GetValueOrDefault("redirect_uri"))
        {
            return (null, "redirect_uri");
        }

        return grant.Method == "S256" && grant.Challenge is not null
            && form.GetValueOrDefault("code_verifier") is { } verifier && S256(verifier) == grant.Challenge
            ? (grant, "")
            : (null, "pkce");
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(header["Bearer ".Length..], out var account))
        {
            return Results.Unauthorized();
        }

        return Results.Json(new { sub = account.Sub, email = account.Email, email_verified = account.EmailVerified, name = account.Name });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Grant(string? Challenge, string? Method, string RedirectUri, GoogleAccount Account);
}
