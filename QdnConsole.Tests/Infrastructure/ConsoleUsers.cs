using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Auth;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>Console users for tests: create them in the store, and sign in through the real sign-in form.</summary>
public static partial class ConsoleUsers
{
    public const string StaffPassword = "fake-staff-password-1";

    /// <summary>Adds a user; with <paramref name="personName"/> they are that person of the cascade.</summary>
    public static async Task<User> AddUserAsync(this QdnAppFactory app, string email, UserRole role, string? password = StaffPassword, string? personName = null)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>();
        var hasher = app.Services.GetRequiredService<IPasswordHasher<User>>();
        await using var db = await factory.CreateDbContextAsync();
        var user = new User
        {
            Email = QdnClaims.NormalizeEmail(email),
            Role = role,
            SecurityStamp = QdnClaims.NewStamp(),
            CreatedAtUtc = DateTime.UtcNow,
            PersonId = personName is null ? null : (await db.People.SingleAsync(p => p.Name == personName)).Id,
        };
        user.PasswordHash = password is null ? null : hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public static HttpClient Browserless(this QdnAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would (antiforgery token included); returns the response.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = "/account/sign-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = await AntiforgeryTokenAsync(client, path);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    /// <summary>A signed-in client (owner by default).</summary>
    public static async Task<HttpClient> SignedInClientAsync(this QdnAppFactory app, string email = QdnAppFactory.OwnerEmail, string password = QdnAppFactory.OwnerPassword)
    {
        var client = app.Browserless();
        using var response = await client.PostSignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>The antiforgery token from a page's form, as a browser would send it back.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        return TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
