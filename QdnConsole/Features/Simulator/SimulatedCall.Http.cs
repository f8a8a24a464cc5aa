using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.Simulator;

/// <summary>The requests of a simulated call: Twilio's form fields, URL resolution, signing, and refusing bad answers.</summary>
internal sealed partial class SimulatedCall
{
    /// <summary>Twilio's hard limit for any call webhook (error 11205 past it).</summary>
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(15);

    /// <summary>A parsed TwiML answer and the URL it came from (relative URLs in it resolve against that).</summary>
    private sealed record Document(string Url, IReadOnlyList<TwimlVerb> Verbs);

    /// <summary>
    /// How requests reach the app. URLs live in "Twilio space" (the public base URL when configured, which is what the
    /// app signs and writes into its TwiML) and are sent through the client's base address.
    /// </summary>
    public sealed class Wire(HttpClient client, string authToken, Uri baseAddress, string? publicBaseUrl, TimeProvider clock)
    {
        public string TwilioBase { get; } = (publicBaseUrl ?? baseAddress.GetLeftPart(UriPartial.Path)).TrimEnd('/');

        public TimeProvider Clock => clock;

        /// <summary>Posts (or GETs) a signed request; null when the URL is not this app's, which the simulator never calls.</summary>
        public async Task<HttpResponseMessage?> SendAsync(string url, string method, IReadOnlyDictionary<string, string> form, CancellationToken ct)
        {
            var get = method == "GET";
            var signedUrl = get ? QueryHelpers.AddQueryString(url, form!) : url;
            if (!signedUrl.StartsWith(TwilioBase + "/", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var target = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + signedUrl[TwilioBase.Length..];
            using var message = new HttpRequestMessage(get ? HttpMethod.Get : HttpMethod.Post, target);
            if (!get)
            {
                message.Content = new FormUrlEncodedContent(form);
            }

            message.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSimulator.Sign(authToken, signedUrl, get ? [] : form));
            message.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
            return await client.SendAsync(message, ct);
        }
    }

    private int _requests;

    /// <summary>
    /// One webhook request. Returns the answer's verbs (none for callbacks whose body Twilio ignores), or null after
    /// recording why Twilio would have refused it.
    /// </summary>
    private async Task<Document?> RequestAsync(
        string url, string? method, Dictionary<string, string> form, string note, TwimlContext? twiml, CancellationToken ct)
    {
        if (_failure is not null || ++_requests > TwilioSimulator.MaxRequests)
        {
            _failure ??= $"Stopped after {TwilioSimulator.MaxRequests} requests: the answers keep sending Twilio back (a loop)";
            return null;
        }

        if (request.MarkAsTest)
        {
            form[TwilioSimulator.TestFlag] = "true";
        }

        var verb = method ?? "POST";
        var (status, error, verbs) = await ExchangeAsync(url, verb, form, twiml, ct);
        _steps.Add(new SimulationStep(url, form, status, [.. verbs.Select(TwimlText.Describe)], error is null ? note : $"{note}; refused: {error}"));
        if (error is not null)
        {
            _failure = $"{verb} {PathOf(url)}: {error}";
            return null;
        }

        return new Document(url, verbs);
    }

    private async Task<(int Status, string? Error, IReadOnlyList<TwimlVerb> Verbs)> ExchangeAsync(
        string url, string method, Dictionary<string, string> form, TwimlContext? twiml, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(RequestLimit);
        try
        {
            using var response = await wire.SendAsync(url, method, form, limit.Token);
            if (response is null)
            {
                return (0, "the URL is outside this app; the simulator only calls the app itself", []);
            }

            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return (status, $"HTTP {status} (Twilio error 11200: it plays an application error and hangs up)", []);
            }

            if (twiml is not { } context)
            {
                return (status, null, []);
            }

            var body = await response.Content.ReadAsStringAsync(limit.Token);
            var read = TwimlReader.Read(response.Content.Headers.ContentType?.ToString(), body, context);
            return (status, read.Error, read.Verbs);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, $"no answer within {RequestLimit.TotalSeconds:0} s (Twilio error 11205)", []);
        }
        catch (HttpRequestException ex)
        {
            return (0, $"could not reach the app ({ex.Message})", []);
        }
    }

    /// <summary>A URL from a document, resolved against that document's URL as Twilio does; absolute ones stay as written.</summary>
    private static string Resolve(string documentUrl, string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? documentUrl
        : Uri.TryCreate(reference.Trim(), UriKind.Absolute, out _) && reference.Contains("://", StringComparison.Ordinal) ? reference.Trim()
        : new Uri(new Uri(documentUrl), reference.Trim()).AbsoluteUri;

    private string PathOf(string url) =>
        url.StartsWith(wire.TwilioBase, StringComparison.OrdinalIgnoreCase) ? url[wire.TwilioBase.Length..] : url;

    /// <summary>Fields Twilio sends for the caller's call on every request.</summary>
    private Dictionary<string, string> CallForm(string callStatus) => new(StringComparer.Ordinal)
    {
        ["AccountSid"] = accountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = _callSid,
        ["CallStatus"] = callStatus,
        ["Called"] = request.To,
        ["Caller"] = request.From,
        ["Direction"] = "inbound",
        ["From"] = request.From,
        ["To"] = request.To,
    };

    /// <summary>Fields of a dialed (child) leg: its own SID, the caller's as parent, the caller ID as From.</summary>
    private Dictionary<string, string> LegForm(string legSid, string callerId, string dialed, string callStatus) => new(StringComparer.Ordinal)
    {
        ["AccountSid"] = accountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = legSid,
        ["CallStatus"] = callStatus,
        ["Called"] = dialed,
        ["Caller"] = callerId,
        ["Direction"] = "outbound-dial",
        ["From"] = callerId,
        ["ParentCallSid"] = _callSid,
        ["To"] = dialed,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
