using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.Twilio;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>A scripted stand-in for our webhooks: fixed TwiML per path, every request the simulator made kept for asserts.</summary>
internal sealed class StubTwilioApp : HttpMessageHandler
{
    public const string Base = "https://stub.example";
    public const string Token = "stub-auth-token";
    public const string Line = "+18585550100";
    public const string Caller = "+16195550199";

    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public List<StubRequest> Requests { get; } = [];

    public StubTwilioApp Answer(string path, string twiml) => Answer(path, _ => twiml);

    public StubTwilioApp Answer(string path, Func<IReadOnlyDictionary<string, string>, string> twiml) =>
        Respond(path, form => Xml(twiml(form)));

    public StubTwilioApp Respond(string path, Func<IReadOnlyDictionary<string, string>, HttpResponseMessage> respond)
    {
        _routes[path] = respond;
        return this;
    }

    public StubRequest Request(string path) => Requests.Single(r => r.Path == path);

    public static TwilioSimulator Simulator(string? publicBaseUrl = null) => new(
        new FixedOptions<TwilioOptions>(new TwilioOptions { AuthToken = Token, PublicBaseUrl = publicBaseUrl }),
        new LocalSigningToken(null),
        TimeProvider.System);

    public Task<SimulationResult> CallAsync(params DialChoice[] choices) => CallAsync(new SimulationRequest(Line, Caller, choices));

    public async Task<SimulationResult> CallAsync(SimulationRequest request, string? publicBaseUrl = null)
    {
        using var client = new HttpClient(this, disposeHandler: false) { BaseAddress = new Uri(Base + "/") };
        return await Simulator(publicBaseUrl).RunAsync(client, request, CancellationToken.None);
    }

    public static string Twiml(string verbs) => $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Response>{verbs}</Response>";

    public static HttpResponseMessage Xml(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = QueryHelpers.ParseQuery(body).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        var url = request.RequestUri!;
        Requests.Add(new StubRequest(request.Method.Method, url, form, request.Headers.GetValues(TwilioSignatureFilter.SignatureHeader).Single()));
        if (_routes.TryGetValue(url.PathAndQuery, out var respond) || _routes.TryGetValue(url.AbsolutePath, out respond))
        {
            return respond(form);
        }

        // Callbacks whose answer Twilio ignores (status callbacks) need no script.
        return Xml(Twiml(string.Empty));
    }
}

internal sealed record StubRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Form, string Signature)
{
    public string Path => Url.PathAndQuery;
}
