using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Twilio;

public static class TwilioRegistration
{
    /// <summary>
    /// Registers validated <see cref="TwilioOptions"/> (checked at start), the
    /// <see cref="TwilioSignatureFilter"/> for the /twilio endpoints and the <see cref="LocalSigningToken"/>.
    /// </summary>
    public static WebApplicationBuilder AddTwilio(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<TwilioOptions>()
            .Configure<IConfiguration>(Bind)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();

        // Lets IOptionsMonitor pick up a rotated token without a restart.
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TwilioOptions>>(services =>
            new ConfigurationChangeTokenSource<TwilioOptions>(services.GetRequiredService<IConfiguration>()));

        // Beside the database, so the simulate command finds the same token as the app it calls.
        builder.Services.AddSingleton(services => new LocalSigningToken(
            Data.DataRegistration.DatabaseFile(
                services.GetRequiredService<IConfiguration>(),
                services.GetRequiredService<IHostEnvironment>().ContentRootPath) is { } database
                ? Path.GetDirectoryName(database)
                : null));
        builder.Services.AddSingleton<TwilioSignatureFilter>();
        return builder;
    }

    // Twilio's own tooling (CLI, SDK samples, hosting guides) uses TWILIO_* environment
    // variables, so those win over the Twilio section when set; blanks count as unset.
    private static void Bind(TwilioOptions options, IConfiguration configuration)
    {
        options.AccountSid = Pick(configuration, "TWILIO_ACCOUNT_SID", "Twilio:AccountSid");
        options.AuthToken = Pick(configuration, "TWILIO_AUTH_TOKEN", "Twilio:AuthToken");
        options.AuthTokenSecondary = Pick(configuration, "TWILIO_AUTH_TOKEN_SECONDARY", "Twilio:AuthTokenSecondary");
        options.ApiKey = Pick(configuration, "TWILIO_API_KEY", "Twilio:ApiKey");
        options.ApiSecret = Pick(configuration, "TWILIO_API_SECRET", "Twilio:ApiSecret");

        // Trailing '/' trimmed because request targets start with '/'.
        options.PublicBaseUrl = Blank(configuration["Qdn:PublicBaseUrl"]?.Trim().TrimEnd('/'));
    }

    private static string? Pick(IConfiguration configuration, string environmentKey, string sectionKey) =>
        Blank(configuration[environmentKey]) ?? Blank(configuration[sectionKey]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
