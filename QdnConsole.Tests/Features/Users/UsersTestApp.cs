using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;
using QdnConsole.Features.Users;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Users;

/// <summary>The app with a clock the test moves (its log lines are in <see cref="QdnAppFactory.Logs"/>).</summary>
public sealed class UsersTestApp : QdnAppFactory
{
    public static readonly Actor Owner = new(OwnerEmail, "web", "127.0.0.1");

    public UsersTestApp() => With("Logging:LogLevel:Default", "Trace");

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public UserAdmin Admin => Services.GetRequiredService<UserAdmin>();

    /// <summary>Invites through the owner's service, as the /users page does; returns the one-time code.</summary>
    public async Task<string> InviteAsync(string email, UserRole role = UserRole.Staff, int? personId = null)
    {
        var result = await Admin.InviteAsync(Owner, new InviteRequest(email, null, role, personId), CancellationToken.None);
        Assert.True(result.Ok, result.Message);
        return result.InviteCode!;
    }

    public async Task<User> UserAsync(string email)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<QdnDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    public async Task<List<AuditEntry>> UserAuditAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<QdnDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == UserAdmin.EntityType).OrderBy(a => a.Id).ToListAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // After the app's own registrations, so this clock replaces TimeProvider.System everywhere (cookie re-check included).
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

internal static class InviteForms
{
    /// <summary>Posts the invitation page's form as a browser would; returns the response.</summary>
    public static async Task<HttpResponseMessage> PostInviteAsync(this HttpClient client, string code, string password, string? confirm = null)
    {
        var path = InviteCode.RelativeLink(code);
        // Any form's token will do: a spent code's page has no form left to take one from.
        var token = await client.AntiforgeryTokenAsync(AuthRegistration.SignInPath);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "invite",
            ["__RequestVerificationToken"] = token,
            ["code"] = code,
            ["Input.Password"] = password,
            ["Input.Confirm"] = confirm ?? password,
        });
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public static bool SetsAuthCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("qdn.auth=", StringComparison.Ordinal));

    public static async Task<string> PageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
