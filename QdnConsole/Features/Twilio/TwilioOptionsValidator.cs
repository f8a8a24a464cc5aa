using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Twilio;

/// <summary>
/// Start-up validation: a mistyped SID or half-configured API key fails the app at start
/// with the config key to fix, not on the first call. Values are never echoed (they may be secrets).
/// </summary>
internal sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.AccountSid is not null && !AccountSidPattern().IsMatch(options.AccountSid))
        {
            failures.Add("Twilio:AccountSid (TWILIO_ACCOUNT_SID) must be 'AC' followed by 32 hexadecimal characters.");
        }

        if (options.ApiKey is not null && !ApiKeyPattern().IsMatch(options.ApiKey))
        {
            failures.Add("Twilio:ApiKey (TWILIO_API_KEY) must be 'SK' followed by 32 hexadecimal characters.");
        }

        if ((options.ApiKey is null) != (options.ApiSecret is null))
        {
            failures.Add("Twilio:ApiKey and Twilio:ApiSecret (TWILIO_API_KEY, TWILIO_API_SECRET) must be set together.");
        }

        if (options.PublicBaseUrl is not null && !IsPublicBaseUrl(options.PublicBaseUrl))
        {
            failures.Add("Qdn:PublicBaseUrl must be an absolute http or https URL without query or fragment (e.g. https://console.example.org).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Signed URLs are PublicBaseUrl + request target, so a query or fragment would corrupt them.
    private static bool IsPublicBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !value.Contains('?', StringComparison.Ordinal)
        && !value.Contains('#', StringComparison.Ordinal);

    [GeneratedRegex(@"^AC[0-9a-fA-F]{32}\z")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^SK[0-9a-fA-F]{32}\z")]
    private static partial Regex ApiKeyPattern();
}
