using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace QdnConsole.Features.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // POST with the antiforgery token of the layout's form: a link or an image cannot sign anyone out.
        app.MapPost("/account/sign-out", SignOut).AllowAnonymous();
        app.MapGet("/account/google", GoogleSignIn.Challenge).AllowAnonymous();
        return app;
    }

    public static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(title: "The sign-out form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(AuthRegistration.SignInPath);
    }

    /// <summary>Only paths on this site: "/x" yes; "//evil", "/\evil", "https://evil" no.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains('\\', StringComparison.Ordinal)
            && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/";
}
