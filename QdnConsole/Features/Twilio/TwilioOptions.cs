namespace QdnConsole.Features.Twilio;

/// <summary>
/// Twilio credentials and the public URL Twilio calls us on. Bound by
/// <see cref="TwilioRegistration.AddTwilio"/>, where Twilio's conventional environment
/// variables (TWILIO_AUTH_TOKEN, …) take precedence over the "Twilio" section.
/// </summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    public string? AccountSid { get; set; }

    /// <summary>Primary Auth Token: signs webhooks (and authenticates REST calls without an API key).</summary>
    public string? AuthToken { get; set; }

    /// <summary>Secondary Auth Token, accepted for webhooks so tokens can be rotated without downtime.</summary>
    public string? AuthTokenSecondary { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>
    /// Public base URL (from "Qdn:PublicBaseUrl", no trailing '/') used to rebuild the URL
    /// Twilio signed when the app sits behind a proxy or tunnel.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Tokens a webhook signature may be made with; unset ones are skipped by the validator.</summary>
    public IReadOnlyList<string?> SignatureTokens => [AuthToken, AuthTokenSecondary];

    // Options objects end up in logs and debugger views: show which values are set, never secrets.
    public override string ToString() =>
        $"TwilioOptions {{ AccountSid = {State(AccountSid)}, AuthToken = {State(AuthToken)}, " +
        $"AuthTokenSecondary = {State(AuthTokenSecondary)}, ApiKey = {State(ApiKey)}, " +
        $"ApiSecret = {State(ApiSecret)}, PublicBaseUrl = {PublicBaseUrl ?? "(not set)"} }}";

    private static string State(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : "(set)";
}
