using Microsoft.Extensions.Options;

namespace QdnConsole.Features.TwilioApi;

/// <summary>How the app talks to Twilio's REST API: where, how patiently. Credentials live in TwilioOptions.</summary>
public sealed class TwilioRestOptions
{
    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>"Twilio:ApiBaseUrl": scheme and host of the REST API (a fake server in tests).</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>"Twilio:Rest:MaxAttempts": tries per request, counting the first; only 429 and 5xx answers are retried.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>"Twilio:Rest:Timeout": per attempt, including reading the body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>"Twilio:Rest:RetryDelay": the first back-off; doubled each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>"Twilio:Rest:MaxRetryDelay": longest wait between tries; a longer Retry-After ends the request instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public Uri BaseUri => new(ApiBaseUrl.TrimEnd('/') + "/");

    internal static void Bind(TwilioRestOptions options, IConfiguration configuration)
    {
        configuration.GetSection("Twilio:Rest").Bind(options);
        if (configuration["Twilio:ApiBaseUrl"] is { } url && !string.IsNullOrWhiteSpace(url))
        {
            options.ApiBaseUrl = url.Trim();
        }
    }
}

internal sealed class TwilioRestOptionsValidator : IValidateOptions<TwilioRestOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioRestOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            failures.Add("Twilio:ApiBaseUrl must be an absolute http or https URL without query (default https://api.twilio.com).");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add("Twilio:Rest:MaxAttempts must be between 1 and 10.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Twilio:Rest:Timeout must be positive (e.g. 00:00:30).");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Twilio:Rest:RetryDelay must be zero or more, and Twilio:Rest:MaxRetryDelay at least as long.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
