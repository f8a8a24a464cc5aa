using QdnConsole.Features.Secrets;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.TwilioApi;

namespace QdnConsole.Features.Settings;

/// <summary>One credential: its name, where it is set, and whether it is (never its value; at most a SID's last 4).</summary>
public sealed record CredentialLine(string Name, string Key, bool IsSet, string State);

/// <summary>One job the credentials do, and which credential does it now.</summary>
public sealed record CredentialUse(string Job, string Credential, string Why, bool Works);

/// <summary>What /settings shows about the Twilio credentials and the secrets file. Built from options only: it cannot leak a value it never reads.</summary>
public sealed record CredentialReport(
    IReadOnlyList<CredentialLine> Credentials,
    IReadOnlyList<CredentialUse> Uses,
    string? Warning,
    string SecretsFilePath,
    SecretsFileState SecretsFile,
    string ApiBaseUrl)
{
    public const string FallbackWarning =
        "No API key is set, so the app's REST calls use the account's auth token. Create a Standard API key in the Twilio " +
        "console and set TWILIO_API_KEY and TWILIO_API_SECRET, so the auth token only checks signatures and runs admin commands.";

    public static CredentialReport Of(TwilioOptions twilio, SecretsFileStatus secretsFile, TwilioRestOptions rest)
    {
        ArgumentNullException.ThrowIfNull(twilio);
        ArgumentNullException.ThrowIfNull(secretsFile);
        ArgumentNullException.ThrowIfNull(rest);
        var runtime = TwilioCredentials.ForRuntime(twilio);
        var admin = TwilioCredentials.ForAdmin(twilio);
        CredentialLine[] credentials =
        [
            new("Account SID", "TWILIO_ACCOUNT_SID", twilio.AccountSid is not null, Set(twilio.AccountSid, showLast4: true)),
            new("Auth token", "TWILIO_AUTH_TOKEN", twilio.AuthToken is not null, Set(twilio.AuthToken)),
            new("Secondary auth token", "TWILIO_AUTH_TOKEN_SECONDARY", twilio.AuthTokenSecondary is not null,
                twilio.AuthTokenSecondary is null ? "not set" : "set: a token rotation is in progress"),
            new("API key", "TWILIO_API_KEY", twilio.ApiKey is not null, Set(twilio.ApiKey, showLast4: true)),
            new("API key secret", "TWILIO_API_SECRET", twilio.ApiSecret is not null, Set(twilio.ApiSecret)),
        ];

        CredentialUse[] uses =
        [
            new("Checking Twilio's signatures on webhooks",
                twilio.AuthToken is null ? "nothing: every webhook is refused"
                    : twilio.AuthTokenSecondary is null ? "auth token" : "auth token, and the secondary auth token during the rotation",
                "Twilio signs with the auth token; an API key cannot check a signature.",
                twilio.AuthToken is not null),
            new("REST calls while running (voicemail audio, call reconciliation)",
                runtime?.Kind switch
                {
                    CredentialKind.ApiKey => $"API key {TwilioCredentials.Last4(twilio.ApiKey)}",
                    CredentialKind.AuthTokenFallback => "account SID + auth token (fallback: no API key)",
                    _ => "nothing: voicemail audio and reconciliation are off",
                },
                "An API key can be revoked on its own without touching the account's auth token.",
                runtime is not null),
            new("Admin commands (twilio configure)",
                admin is null ? "nothing: set the account SID and auth token" : "account SID + auth token",
                "Changing the account's numbers is an account-level act.",
                admin is not null),
        ];

        return new(credentials, uses, runtime?.Kind == CredentialKind.AuthTokenFallback ? FallbackWarning : null,
            secretsFile.Path, secretsFile.Current, rest.ApiBaseUrl);
    }

    private static string Set(string? value, bool showLast4 = false) =>
        value is null ? "not set" : showLast4 ? $"set ({TwilioCredentials.Last4(value)})" : "set";
}
