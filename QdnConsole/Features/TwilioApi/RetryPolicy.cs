using System.Net;

namespace QdnConsole.Features.TwilioApi;

/// <summary>When to try a Twilio request again, and after how long. Pure, so the rules are tested without waiting.</summary>
public static class RetryPolicy
{
    /// <summary>Rate limiting and server errors only: a 4xx other than 429 will not change by asking again.</summary>
    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 = first retry): Twilio's Retry-After when it gave one,
    /// else <paramref name="baseDelay"/> doubled per retry (capped at <paramref name="maxDelay"/>) with jitter taking
    /// up to half of it away (<paramref name="random"/> in [0, 1)), so many clients do not retry in step.
    /// </summary>
    public static TimeSpan Delay(int retry, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        if (retryAfter is { } told)
        {
            return told < TimeSpan.Zero ? TimeSpan.Zero : told;
        }

        var exponential = baseDelay * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = exponential > maxDelay ? maxDelay : exponential;
        return capped * (1 - (Math.Clamp(random, 0, 1) / 2));
    }

    /// <summary>Retry-After as a wait: seconds, or an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - now : null);
    }
}
