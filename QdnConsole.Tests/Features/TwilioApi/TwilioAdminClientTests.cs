using QdnConsole.Features.TwilioApi;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TwilioApi;

/// <summary>The admin client always authenticates as the account, even when an API key is configured.</summary>
public sealed class TwilioAdminClientTests : IAsyncLifetime
{
    private const string NumberSid = "PN33333333333333333333333333333333";
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task FindIncomingNumber_ByPhoneNumber_AccountCredentialsDespiteApiKey()
    {
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/IncomingPhoneNumbers.json", FakeReply.Json(new
        {
            incoming_phone_numbers = new[] { TwilioFixtures.IncomingNumber(NumberSid, TwilioWebhookClient.LineNumber, "https://old.example/voice", null, null) },
            next_page_uri = (string?)null,
        }));
        using var harness = new TwilioApiHarness(_twilio, withApiKey: true);

        var number = await harness.Admin().FindIncomingNumberAsync(TwilioWebhookClient.LineNumber, default);

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal((QdnAppFactory.AccountSid, QdnAppFactory.AuthToken), (request.User, request.Password));
        Assert.Equal(TwilioWebhookClient.LineNumber, request.Query["PhoneNumber"]);
        Assert.Equal((NumberSid, "https://old.example/voice"), (number?.Sid, number?.VoiceUrl));
    }

    [Fact]
    public async Task FindIncomingNumber_NotOnAccount_Null()
    {
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/IncomingPhoneNumbers.json",
            FakeReply.Json(new { incoming_phone_numbers = Array.Empty<object>(), next_page_uri = (string?)null }));
        using var harness = new TwilioApiHarness(_twilio);

        Assert.Null(await harness.Admin().FindIncomingNumberAsync(TwilioWebhookClient.LineNumber, default));
    }

    [Fact]
    public async Task UpdateVoice_PostsExactlyTheSixVoiceFieldsAsForm()
    {
        var path = $"{FakeTwilioApi.AccountPath}/IncomingPhoneNumbers/{NumberSid}.json";
        _twilio.On("POST", path, r => FakeReply.Json(TwilioFixtures.IncomingNumber(
            NumberSid, TwilioWebhookClient.LineNumber, r.Form["VoiceUrl"], r.Form["VoiceFallbackUrl"], r.Form["StatusCallback"])));
        using var harness = new TwilioApiHarness(_twilio);
        var voice = new VoiceConfiguration("https://qdn.example/twilio/inbound-call", "POST", "https://qdn.example/twilio/fallback", "POST",
            "https://qdn.example/twilio/call-status", "POST");

        var after = await harness.Admin().UpdateVoiceAsync(NumberSid, voice, default);

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(("POST", QdnAppFactory.AccountSid), (request.Method, request.User));
        Assert.Equal(new Dictionary<string, string>
        {
            ["VoiceUrl"] = "https://qdn.example/twilio/inbound-call",
            ["VoiceMethod"] = "POST",
            ["VoiceFallbackUrl"] = "https://qdn.example/twilio/fallback",
            ["VoiceFallbackMethod"] = "POST",
            ["StatusCallback"] = "https://qdn.example/twilio/call-status",
            ["StatusCallbackMethod"] = "POST",
        }, request.Form);
        Assert.Equal(voice, after.Voice);
    }

    [Fact]
    public async Task AdminClient_NoAuthToken_RefusesEvenWithApiKey()
    {
        using var harness = new TwilioApiHarness(_twilio, true, ("TWILIO_AUTH_TOKEN", null));

        Assert.Null(harness.Admin().Credential);
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Admin().FindIncomingNumberAsync(TwilioWebhookClient.LineNumber, default));
        Assert.Empty(_twilio.Requests);
    }
}
