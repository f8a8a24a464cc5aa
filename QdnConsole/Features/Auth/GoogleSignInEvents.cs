using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

/// <summary>
/// Turns a Google account into one of our users: the verified email must belong to an invited user, whose role and
/// person then come from our store (the Google identity itself grants nothing). Failures go back to the sign-in page.
/// </summary>
public sealed partial class GoogleSignInEvents(
    IDbContextFactory<QdnDbContext> dbFactory,
    TimeProvider clock,
    ILogger<GoogleSignInEvents> logger) : OAuthEvents
{
    public const string NotInvited = "not-invited";
    public const string Unverified = "unverified";
    public const string Failed = "google";
    private const string ErrorKey = "qdn:error";

    public override async Task CreatingTicket(OAuthCreatingTicketContext context)
    {
        var ct = context.HttpContext.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await context.Backchannel.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw Refused(Failed, $"the user information endpoint answered {(int)response.StatusCode}");
        }

        using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        if (!IsVerified(info.RootElement))
        {
            LogRefused(logger, Unverified);
            throw Refused(Unverified, "the Google account's email is not verified");
        }

        var email = QdnClaims.NormalizeEmail(Text(info.RootElement, "email"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = email.Length == 0 ? null : await db.Users.Include(u => u.Person).FirstOrDefaultAsync(u => u.Email == email, ct);
        if (user is null)
        {
            LogRefused(logger, NotInvited);
            throw Refused(NotInvited, "no user has this email");
        }

        user.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        if (user.DisplayName is null && Text(info.RootElement, "name") is { Length: > 0 } name)
        {
            user.DisplayName = name.Length > 100 ? name[..100] : name;
        }

        await db.SaveChangesAsync(ct);
        context.Principal = QdnClaims.Principal(user, GoogleSignIn.Scheme);
        LogSignedIn(logger, user.Id);
    }

    /// <summary>Every failure (refused, denied at Google, bad state, token error) lands on the sign-in page with a reason.</summary>
    public override Task RemoteFailure(RemoteFailureContext context)
    {
        var error = context.Failure?.Data[ErrorKey] as string == NotInvited ? NotInvited : Failed;
        context.Response.Redirect($"{AuthRegistration.SignInPath}?error={error}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    // Google sends a JSON boolean; some providers send the string "true".
    private static bool IsVerified(JsonElement info) =>
        info.TryGetProperty("email_verified", out var verified)
        && (verified.ValueKind == JsonValueKind.True
            || (verified.ValueKind == JsonValueKind.String && string.Equals(verified.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    private static string? Text(JsonElement info, string property) =>
        info.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AuthenticationFailureException Refused(string error, string why)
    {
        var failure = new AuthenticationFailureException("Google sign-in refused: " + why);
        failure.Data[ErrorKey] = error;
        return failure;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in with Google")]
    private static partial void LogSignedIn(ILogger logger, int userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Google sign-in refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
