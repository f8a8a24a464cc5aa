using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.TwilioApi;

public enum CredentialKind
{
    /// <summary>An API key (SK…) and its secret: runtime REST calls.</summary>
    ApiKey,

    /// <summary>The account SID and auth token used for runtime REST calls because no API key is set.</summary>
    AuthTokenFallback,

    /// <summary>The account SID and auth token: administrative operations.</summary>
    Account,
}

/// <summary>
/// HTTP Basic credentials for Twilio's REST API, and the account its paths name. Deliberately not a record: its
/// ToString (logs, debugger, exceptions) shows which credential it is, never the secret.
/// </summary>
public sealed class TwilioCredential(CredentialKind kind, string accountSid, string username, string password)
{
    public CredentialKind Kind => kind;

    public string AccountSid => accountSid;

    /// <summary>The API key SID or the account SID: an identifier, not a secret.</summary>
    public string Username => username;

    public AuthenticationHeaderValue Header() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public override string ToString() => $"{kind} {TwilioCredentials.Last4(username)}";
}

/// <summary>
/// Which credential goes where, decided here and nowhere else: runtime REST calls use the API key (the account's auth
/// token only when there is no API key); administrative operations always use the account SID and auth token; signature
/// checks use the auth tokens (TwilioOptions.SignatureTokens) because Twilio cannot sign with an API key.
/// </summary>
public static class TwilioCredentials
{
    public static TwilioCredential? ForRuntime(TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AccountSid is not { } account)
        {
            return null;
        }

        if (options is { ApiKey: { } key, ApiSecret: { } secret })
        {
            return new(CredentialKind.ApiKey, account, key, secret);
        }

        return options.AuthToken is { } token ? new(CredentialKind.AuthTokenFallback, account, account, token) : null;
    }

    public static TwilioCredential? ForAdmin(TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options is { AccountSid: { } account, AuthToken: { } token } ? new(CredentialKind.Account, account, account, token) : null;
    }

    /// <summary>"…ab12": enough to tell two SIDs apart, never more.</summary>
    public static string Last4(string? sid) => sid is { Length: > 4 } ? "…" + sid[^4..] : "…";
}

/// <summary>The runtime credential as configured now (rotations apply without a restart); warns once when it is the auth token.</summary>
public sealed partial class RuntimeCredentials(IOptionsMonitor<TwilioOptions> options, ILogger<RuntimeCredentials> logger)
{
    private int _warned;

    public TwilioCredential? Current()
    {
        var credential = TwilioCredentials.ForRuntime(options.CurrentValue);
        if (credential?.Kind == CredentialKind.AuthTokenFallback && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            LogFallback(logger);
        }

        return credential;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No Twilio API key is set (TWILIO_API_KEY, TWILIO_API_SECRET): REST calls fall back to the account's auth token. Create a Standard API key; see /settings")]
    private static partial void LogFallback(ILogger logger);
}
