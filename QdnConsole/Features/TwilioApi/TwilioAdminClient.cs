using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.TwilioApi;

/// <summary>
/// Administrative operations (a number's webhooks): always the ACCOUNT SID and auth token, never the API key, so an
/// API key leak cannot reconfigure the line. Used by the <c>twilio</c> command, not by the running app.
/// </summary>
public sealed class TwilioAdminClient(
    HttpClient http,
    IOptionsMonitor<TwilioOptions> twilio,
    IOptionsMonitor<TwilioRestOptions> options,
    TimeProvider clock,
    ILogger<TwilioAdminClient> logger)
{
    public const string NoCredentials =
        "Administrative commands need the account credentials: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (secrets file or environment)";

    private readonly TwilioTransport _transport = new(http, options.CurrentValue, clock, logger);

    /// <summary>The account credential, or null when the account SID or auth token is missing.</summary>
    public TwilioCredential? Credential => TwilioCredentials.ForAdmin(twilio.CurrentValue);

    /// <summary>The account's number <paramref name="phoneNumber"/> (E.164), or null when the account has no such number.</summary>
    public async Task<IncomingPhoneNumber?> FindIncomingNumberAsync(string phoneNumber, CancellationToken ct)
    {
        var credential = Require();
        var page = await _transport.SendAsync(credential, HttpMethod.Get,
            $"{TwilioRestClient.Account(credential)}/IncomingPhoneNumbers.json?PhoneNumber={Uri.EscapeDataString(phoneNumber)}",
            null, TwilioWire.ReadAsync<IncomingPhoneNumbersPage>, ct);
        return page.IncomingPhoneNumbers?.FirstOrDefault(n => n.PhoneNumber == phoneNumber);
    }

    /// <summary>Sets the number's voice webhooks; returns the number as Twilio now has it.</summary>
    public Task<IncomingPhoneNumber> UpdateVoiceAsync(string phoneNumberSid, VoiceConfiguration voice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var credential = Require();
        return _transport.SendAsync(credential, HttpMethod.Post,
            $"{TwilioRestClient.Account(credential)}/IncomingPhoneNumbers/{TwilioWire.Segment(phoneNumberSid)}.json",
            voice.Form(), TwilioWire.ReadAsync<IncomingPhoneNumber>, ct);
    }

    private TwilioCredential Require() => Credential ?? throw new InvalidOperationException(NoCredentials);
}
