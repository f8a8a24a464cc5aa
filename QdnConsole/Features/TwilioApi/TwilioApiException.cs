using System.Net;
using System.Text.Json;

namespace QdnConsole.Features.TwilioApi;

/// <summary>
/// Twilio answered with an error (its JSON body's code, message and more_info), or did not answer in time.
/// The message says what was asked and what Twilio said; it never holds a credential.
/// </summary>
public sealed class TwilioApiException(string message, int? httpStatus, int? code, string? moreInfo, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>HTTP status of Twilio's answer; null when there was none (timeout).</summary>
    public int? HttpStatus => httpStatus;

    /// <summary>Twilio's error code, e.g. 20404 (not found), 20003 (authentication failed).</summary>
    public int? Code => code;

    public string? MoreInfo => moreInfo;

    public bool IsNotFound => httpStatus == (int)HttpStatusCode.NotFound;

    internal static async Task<TwilioApiException> FromResponseAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        int? code = null;
        string? message = null;
        string? moreInfo = null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = body.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                moreInfo = root.TryGetProperty("more_info", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not Twilio's JSON (a proxy's error page): the status line says enough.
        }

        var said = message ?? $"{status} {response.ReasonPhrase}".Trim();
        var details = code is { } c2 ? $"Twilio error {c2}, HTTP {status}" : $"HTTP {status}";
        var text = $"Twilio refused {what}: {said} ({details}{(moreInfo is null ? "" : "; " + moreInfo)})";
        return new TwilioApiException(text, status, code, moreInfo);
    }

    internal static TwilioApiException Timeout(string what, TimeSpan timeout, Exception inner) =>
        new($"Twilio did not answer {what} within {timeout.TotalSeconds:0.#} s", null, null, null, inner);
}
