using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace QdnConsole.Features.Auth;

/// <summary>Authentication:Google settings. The endpoints default to Google's; tests point them at a fake provider.</summary>
public sealed class GoogleSignInSettings
{
    public const string Section = "Authentication:Google";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? UserInformationEndpoint { get; set; }
}

/// <summary>
/// "Sign in with Google" for invited users only, with the framework's OAuth handler (authorization code + PKCE):
/// the Google package is not in the registry copy here. Registered only when both client id and secret are set.
/// </summary>
public static class GoogleSignIn
{
    public const string Scheme = "Google";
    public const string CallbackPath = "/signin-google";

    public static AuthenticationBuilder AddGoogleSignIn(this AuthenticationBuilder auth, IConfiguration configuration)
    {
        var settings = configuration.GetSection(GoogleSignInSettings.Section).Get<GoogleSignInSettings>() ?? new();
        if (string.IsNullOrEmpty(settings.ClientId) && string.IsNullOrEmpty(settings.ClientSecret))
        {
            return auth;
        }

        if (string.IsNullOrEmpty(settings.ClientId) || string.IsNullOrEmpty(settings.ClientSecret))
        {
            throw new InvalidOperationException(
                $"{GoogleSignInSettings.Section}: set both ClientId and ClientSecret to enable Google sign-in, or neither.");
        }

        auth.Services.AddSingleton<GoogleSignInEvents>();
        return auth.AddOAuth(Scheme, "Google", options =>
        {
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.AuthorizationEndpoint = Or(settings.AuthorizationEndpoint, "https://accounts.google.com/o/oauth2/v2/auth");
            options.TokenEndpoint = Or(settings.TokenEndpoint, "https://oauth2.googleapis.com/token");
            options.UserInformationEndpoint = Or(settings.UserInformationEndpoint, "https://openidconnect.googleapis.com/v1/userinfo");
            options.CallbackPath = CallbackPath;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("email");
            options.Scope.Add("profile");
            options.SaveTokens = false;
            // Like the sign-in cookie: Google's redirect back is a top-level GET, so Lax is enough, and
            // SameAsRequest keeps http://localhost usable in development (behind TLS it is Secure).
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.EventsType = typeof(GoogleSignInEvents);
        });
    }

    /// <summary>GET /account/google?returnUrl=: off to Google, and back to a page of this site only.</summary>
    public static async Task<IResult> Challenge(string? returnUrl, IAuthenticationSchemeProvider schemes) =>
        await schemes.GetSchemeAsync(Scheme) is null
            ? Results.NotFound()
            : Results.Challenge(new AuthenticationProperties { RedirectUri = AccountEndpoints.SafeReturnUrl(returnUrl) }, [Scheme]);

    private static string Or(string? configured, string google) => string.IsNullOrWhiteSpace(configured) ? google : configured;
}
