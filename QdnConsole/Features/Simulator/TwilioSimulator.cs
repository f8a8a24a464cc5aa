using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.Simulator;

/// <summary>
/// Plays Twilio against our own webhooks: a signed inbound call, then every verb of every answer, the dialed phones
/// doing what <see cref="SimulationRequest.Choices"/> says. Works on any <see cref="HttpClient"/> whose BaseAddress is
/// the app (in-process test client, a running instance, or a loopback client from the console).
/// </summary>
public sealed class TwilioSimulator(IOptionsMonitor<TwilioOptions> options, LocalSigningToken localToken, TimeProvider clock)
{
    /// <summary>Requests one call may make before the simulator calls it a loop.</summary>
    public const int MaxRequests = 50;

    /// <summary>Form field that marks a simulated call; the local token is accepted only with it.</summary>
    public const string TestFlag = LocalSigningToken.TestCallField;

    public const string InboundPath = "/twilio/inbound-call";

    /// <summary>Where Twilio posts the end of every call (the number's status callback, not in TwiML).</summary>
    public const string StatusCallbackPath = "/twilio/call-status";

    public const string FakeAccountSid = "AC00000000000000000000000000000000";

    /// <summary>The token webhooks will accept: Twilio's Auth Token when configured, else the app's local signing token.</summary>
    public string SigningToken =>
        options.CurrentValue.SignatureTokens.FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? localToken.Value;

    /// <summary>Runs the call signed with <see cref="SigningToken"/>.</summary>
    public Task<SimulationResult> RunAsync(HttpClient client, SimulationRequest request, CancellationToken ct) =>
        RunAsync(client, SigningToken, request, ct);

    public Task<SimulationResult> RunAsync(HttpClient client, string authToken, SimulationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(request);
        if (client.BaseAddress is not { IsAbsoluteUri: true } baseAddress)
        {
            throw new ArgumentException("The client needs the app's base URL as its BaseAddress.", nameof(client));
        }

        var settings = options.CurrentValue;
        var call = new SimulatedCall(
            new SimulatedCall.Wire(client, authToken, baseAddress, settings.PublicBaseUrl, clock),
            settings.AccountSid ?? FakeAccountSid,
            request);
        return call.PlayAsync(ct);
    }

    /// <summary>The X-Twilio-Signature of a form post, through the same code the webhooks validate with.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form) =>
        TwilioSignature.Compute(authToken, url, form.Select(kv => KeyValuePair.Create(kv.Key, new StringValues(kv.Value))));

    /// <summary>A Twilio-style SID: two letters and 32 hex digits.</summary>
    public static string NewSid(string prefix) => prefix + Guid.NewGuid().ToString("N");
}
