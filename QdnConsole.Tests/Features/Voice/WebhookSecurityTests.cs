using Microsoft.EntityFrameworkCore;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

public sealed class WebhookSecurityTests : IClassFixture<QdnAppFactory>
{
    private readonly QdnAppFactory _app;

    public WebhookSecurityTests(QdnAppFactory app) => _app = app;

    [Theory]
    [InlineData("/twilio/inbound-call")]
    [InlineData("/twilio/dial-result?line=qdn&step=0")]
    [InlineData("/twilio/voicemail?line=qdn&reason=NoAnswer")]
    [InlineData("/twilio/call-status")]
    [InlineData("/twilio/fallback")]
    public async Task Webhook_Unsigned_RefusedWith400AndNothingStored(string path)
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync(path, TwilioWebhookClient.CallParameters(sid), sign: false);

        Assert.Equal(400, reply.Status);
        Assert.False(await _app.DbAsync(db => db.Calls.AnyAsync(c => c.CallSid == sid)));
    }

    [Fact]
    public async Task Webhook_ForgedSignature_RefusedWith403()
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid), signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

        Assert.Equal(403, reply.Status);
        Assert.False(await _app.DbAsync(db => db.Calls.AnyAsync(c => c.CallSid == sid)));
    }

    [Fact]
    public async Task Webhook_SignedWithAnotherToken_RefusedWith403()
    {
        var client = new TwilioWebhookClient(_app.CreateClient(), authToken: "some-other-fake-token");
        var reply = await client.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        Assert.Equal(403, reply.Status);
    }

    [Fact]
    public async Task Webhook_ParameterTamperedAfterSigning_RefusedWith403()
    {
        var form = TwilioWebhookClient.CallParameters(NewCallSid());
        var signature = _app.Twilio().Sign("/twilio/inbound-call", form);
        form["From"] = "+15555550000";

        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call", form, signature);

        Assert.Equal(403, reply.Status);
    }

    [Fact]
    public async Task Webhook_QueryStringTampered_RefusedWith403()
    {
        var sid = NewCallSid();
        var form = DialEnded(sid, "no-answer", null);
        var signature = _app.Twilio().Sign("/twilio/dial-result?line=qdn&step=0", form);

        var reply = await _app.Twilio().PostAsync("/twilio/dial-result?line=qdn&step=1", form, signature);

        Assert.Equal(403, reply.Status);
    }

    [Fact]
    public async Task SecondaryToken_DuringRotation_Accepted()
    {
        using var app = new QdnAppFactory().With("Twilio:AuthTokenSecondary", "fake-secondary-token-for-tests");
        var client = new TwilioWebhookClient(app.CreateClient(), authToken: "fake-secondary-token-for-tests");

        var reply = await client.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        Assert.Equal(200, reply.Status);
    }
}
