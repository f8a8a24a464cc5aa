using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

/// <summary>
/// Re-checks a sign-in cookie against the store at most once a minute: a removed user, a changed role or a new
/// password (new security stamp) ends older sessions.
/// </summary>
public sealed class CookieEvents(IDbContextFactory<QdnDbContext> dbFactory, TimeProvider clock) : CookieAuthenticationEvents
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMinutes(1);
    private const string CheckedAt = "qdn.checked";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAt, out var last)
            && DateTimeOffset.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && now - at < RecheckEvery)
        {
            return;
        }

        var user = QdnUser.From(context.Principal!);
        var stamp = context.Principal!.FindFirst(QdnClaims.Stamp)?.Value;
        await using var db = await dbFactory.CreateDbContextAsync(context.HttpContext.RequestAborted);
        var current = user is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == user.Id, context.HttpContext.RequestAborted);
        if (current is null || current.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync();
            return;
        }

        context.Properties.Items[CheckedAt] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>API-style requests get status codes, not a redirect to the sign-in page.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsPage(context.Request) ? base.RedirectToLogin(context) : Status(context, StatusCodes.Status401Unauthorized);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        IsPage(context.Request) ? base.RedirectToAccessDenied(context) : Status(context, StatusCodes.Status403Forbidden);

    private static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
