using System.Net;
using System.Net.Http.Headers;

namespace QdnConsole.Features.TwilioApi;

/// <summary>
/// One Twilio REST request, the way the official SDKs send it: Basic auth, <c>Accept: application/json</c>, form bodies,
/// redirects not followed (except for recording media, never carrying the credentials to another host). Each attempt has
/// its own timeout; 429 and 5xx answers are retried with exponential back-off and jitter, honouring Retry-After;
/// anything else that is not 2xx becomes a <see cref="TwilioApiException"/> with Twilio's code and message.
/// </summary>
internal sealed partial class TwilioTransport(HttpClient http, TwilioRestOptions options, TimeProvider clock, ILogger logger)
{
    private const int MaxRedirects = 3;

    public async Task<T> SendAsync<T>(
        TwilioCredential credential,
        HttpMethod method,
        string pathAndQuery,
        IReadOnlyList<KeyValuePair<string, string>>? form,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken ct,
        string accept = "application/json",
        bool followRedirects = false)
    {
        var what = $"{method} {pathAndQuery.Replace(credential.AccountSid, "{AccountSid}", StringComparison.Ordinal)}";
        var uri = new Uri(options.BaseUri, pathAndQuery.TrimStart('/'));
        for (var attempt = 1; ; attempt++)
        {
            using var expiry = new CancellationTokenSource(options.Timeout, clock);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
            try
            {
                using var response = await SendFollowingAsync(credential, method, uri, form, accept, followRedirects, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response, timeout.Token);
                }

                if (RetryPolicy.IsRetryable(response.StatusCode) && attempt < options.MaxAttempts)
                {
                    var delay = RetryPolicy.Delay(attempt, RetryPolicy.RetryAfter(response, clock.GetUtcNow()),
                        options.RetryDelay, options.MaxRetryDelay, Random.Shared.NextDouble());
                    if (delay <= options.MaxRetryDelay)
                    {
                        LogRetry(logger, what, (int)response.StatusCode, delay, attempt + 1, options.MaxAttempts);
                        await Task.Delay(delay, clock, ct);
                        continue;
                    }
                }

                var error = await TwilioApiException.FromResponseAsync(response, what, timeout.Token);
                LogRefused(logger, what, error.HttpStatus, error.Code);
                throw error;
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                LogTimeout(logger, what, options.Timeout);
                throw TwilioApiException.Timeout(what, options.Timeout, ex);
            }
        }
    }

    private async Task<HttpResponseMessage> SendFollowingAsync(
        TwilioCredential credential, HttpMethod method, Uri uri, IReadOnlyList<KeyValuePair<string, string>>? form, string accept,
        bool followRedirects, CancellationToken ct)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            // Only Twilio's own API host gets the credentials; recording media redirects to a storage host.
            if (uri.Authority == options.BaseUri.Authority && uri.Scheme == options.BaseUri.Scheme)
            {
                request.Headers.Authorization = credential.Header();
            }

            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!followRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location || redirects >= MaxRedirects)
            {
                return response;
            }

            response.Dispose();
            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio answered {Request} with {Status}; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogRetry(ILogger logger, string request, int status, TimeSpan delay, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused {Request}: HTTP {Status}, Twilio error {Code}")]
    private static partial void LogRefused(ILogger logger, string request, int? status, int? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio did not answer {Request} within {Timeout}")]
    private static partial void LogTimeout(ILogger logger, string request, TimeSpan timeout);
}
