using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace QdnConsole.Features.TwilioApi;

/// <summary>
/// The app's runtime REST calls (calls, recordings), authenticated with the API key; the account's auth token only when
/// no API key is configured (warned once, shown on /settings). A typed client: take a fresh one per unit of work.
/// </summary>
public sealed class TwilioRestClient(
    HttpClient http,
    RuntimeCredentials credentials,
    IOptionsMonitor<TwilioRestOptions> options,
    TimeProvider clock,
    ILogger<TwilioRestClient> logger)
{
    public const string NoCredentials =
        "No Twilio REST credentials: set TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (see /settings)";

    private readonly TwilioTransport _transport = new(http, options.CurrentValue, clock, logger);

    /// <summary>The credential runtime calls use now, or null when REST calls cannot be made.</summary>
    public TwilioCredential? Credential => credentials.Current();

    public Task<TwilioCall> FetchCallAsync(string callSid, CancellationToken ct)
    {
        var credential = Require();
        return _transport.SendAsync(credential, HttpMethod.Get, $"{Account(credential)}/Calls/{TwilioWire.Segment(callSid)}.json",
            null, TwilioWire.ReadAsync<TwilioCall>, ct);
    }

    /// <summary>Calls matching <paramref name="filter"/>, newest first, following next_page_uri up to MaxPages pages.</summary>
    public async IAsyncEnumerable<TwilioCall> ListCallsAsync(CallFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var credential = Require();
        string? next = $"{Account(credential)}/Calls.json?{Query(filter)}";
        for (var page = 0; next is not null && page < filter.MaxPages; page++)
        {
            var result = await _transport.SendAsync(credential, HttpMethod.Get, next, null, TwilioWire.ReadAsync<CallsPage>, ct);
            foreach (var call in result.Calls ?? [])
            {
                yield return call;
            }

            // Relative to the API host only: a next page elsewhere would receive our credentials.
            next = result.NextPageUri is { } uri && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) ? uri : null;
        }
    }

    public Task<TwilioRecording> FetchRecordingAsync(string recordingSid, CancellationToken ct)
    {
        var credential = Require();
        return _transport.SendAsync(credential, HttpMethod.Get, $"{Account(credential)}/Recordings/{TwilioWire.Segment(recordingSid)}.json",
            null, TwilioWire.ReadAsync<TwilioRecording>, ct);
    }

    /// <summary>Copies the recording's MP3 into <paramref name="destination"/>; returns its media type.</summary>
    public Task<string> DownloadRecordingAsync(string recordingSid, Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var credential = Require();
        return _transport.SendAsync(credential, HttpMethod.Get, $"{Account(credential)}/Recordings/{TwilioWire.Segment(recordingSid)}.mp3", null,
            async (response, token) =>
            {
                await response.Content.CopyToAsync(destination, token);
                return response.Content.Headers.ContentType?.MediaType ?? "audio/mpeg";
            },
            ct, accept: "audio/mpeg", followRedirects: true);
    }

    internal static string Account(TwilioCredential credential) => $"/2010-04-01/Accounts/{TwilioWire.Segment(credential.AccountSid)}";

    private TwilioCredential Require() => credentials.Current() ?? throw new InvalidOperationException(NoCredentials);

    private static string Query(CallFilter filter)
    {
        var query = new List<string>();
        Add("To", filter.To);
        Add("From", filter.From);
        Add("Status", filter.Status);
        Add("StartTime>", filter.StartedOnOrAfter is { } after ? TwilioWire.Iso(after) : null);
        Add("StartTime<", filter.StartedBefore is { } before ? TwilioWire.Iso(before) : null);
        Add("PageSize", Math.Clamp(filter.PageSize, 1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('&', query);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
        }
    }
}
