using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

public static class AuthRegistration
{
    public const string SignInPath = "/account/sign-in";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<OwnerSetup>();
        services.AddSingleton<IDatabaseSeeder>(sp => sp.GetRequiredService<OwnerSetup>());
        services.AddSingleton<CookieEvents>();
        services.AddSingleton<QdnConsole.Features.Audit.AuditLog>();
        services.AddScoped<ConsoleSession>();

        services.AddDataProtection().SetApplicationName("QdnConsole");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = ActivatorUtilities.CreateInstance<DbXmlRepository>(sp)));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = SignInPath;
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "qdn.auth";
                options.Cookie.HttpOnly = true;
                // Secure whenever the request is HTTPS (behind a TLS proxy via forwarded headers); Lax so the
                // Google sign-in redirect back to us still carries it.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                options.EventsType = typeof(CookieEvents);
            })
            .AddGoogleSignIn(builder.Configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(QdnClaims.OwnerPolicy, policy => policy.RequireRole(nameof(UserRole.Owner)))
            // Everything needs a signed-in user unless it says otherwise (sign-in, setup, health, Twilio, assets).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        return builder;
    }
}
