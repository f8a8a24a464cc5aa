using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.Secrets;

/// <summary>
/// Before a changed secrets file replaces the credentials in use: the Twilio options it would produce must pass the same
/// checks as at start, and the auth token must not disappear (every webhook would then be refused). Environment variables
/// still win over the file, as in configuration, so their values are what is checked where they are set.
/// </summary>
internal static class TwilioReloadCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string?> previous, IReadOnlyDictionary<string, string?> next)
    {
        var options = new TwilioOptions
        {
            AccountSid = Effective(next, "TWILIO_ACCOUNT_SID", "Twilio:AccountSid"),
            AuthToken = Effective(next, "TWILIO_AUTH_TOKEN", "Twilio:AuthToken"),
            AuthTokenSecondary = Effective(next, "TWILIO_AUTH_TOKEN_SECONDARY", "Twilio:AuthTokenSecondary"),
            ApiKey = Effective(next, "TWILIO_API_KEY", "Twilio:ApiKey"),
            ApiSecret = Effective(next, "TWILIO_API_SECRET", "Twilio:ApiSecret"),
        };
        var result = new TwilioOptionsValidator().Validate(null, options);
        var problems = result.Failed ? result.Failures.ToList() : [];
        if (options.AuthToken is null && Effective(previous, "TWILIO_AUTH_TOKEN", "Twilio:AuthToken") is not null)
        {
            problems.Add("TWILIO_AUTH_TOKEN would be gone, and every webhook refused; to rotate it, see docs/credentials.md.");
        }

        return problems;
    }

    private static string? Effective(IReadOnlyDictionary<string, string?> file, string variable, string key) =>
        Set(Environment.GetEnvironmentVariable(variable))
        ?? Set(Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)))
        ?? Set(file.GetValueOrDefault(variable))
        ?? Set(file.GetValueOrDefault(key));

    private static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
