using System.Net;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>Several lines share the app: the called number picks the line, its cascade and its greetings.</summary>
public sealed class LineSelectionWebhookTests : IDisposable
{
    private const string ShopNumber = "+16195550142";
    private const string Marta = "+16195550143";

    private readonly QdnAppFactory _app = new QdnAppFactory()
        .With("Qdn:Lines:1:Id", "shop")
        .With("Qdn:Lines:1:Name", "QDN Shop")
        .With("Qdn:Lines:1:Number", ShopNumber)
        .With("Qdn:Lines:1:Steps:0:Name", "Marta")
        .With("Qdn:Lines:1:Steps:0:Number", Marta)
        .With("Qdn:Lines:1:Steps:0:RingSeconds", "15")
        .With("Qdn:Lines:1:Greetings:NoAnswer", "You reached the QDN shop. Leave a message after the beep.");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InboundCall_ToSecondLine_RingsThatLinesCascadeWithItsGreeting()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var form = TwilioWebhookClient.CallParameters(sid).With(("To", ShopNumber), ("Called", ShopNumber));

        var first = await twilio.PostAsync("/twilio/inbound-call", form);
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", null, "ringing").With(("To", ShopNumber)));

        Assert.Equal((Marta, "15"), (first.DialedNumber, first.Dial!.Attribute("timeout")?.Value));
        Assert.Equal("/twilio/dial-result?line=shop&step=0", first.DialAction);
        Assert.Equal("You reached the QDN shop. Leave a message after the beep.", second.Greeting);
        Assert.Equal("shop", (await _app.CallAsync(sid)).LineId);
    }

    [Fact]
    public async Task InboundCall_ToQdnNumber_StillRingsSergio()
    {
        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        Assert.Equal(Sergio, reply.DialedNumber);
    }

    [Fact]
    public async Task InboundCall_UnknownNumber_StillReachesAPersonOnTheFirstLine()
    {
        var sid = NewCallSid();
        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid).With(("To", "+15555550000")));

        Assert.Equal(Sergio, reply.DialedNumber);
        Assert.Equal("qdn", (await _app.CallAsync(sid)).LineId);
    }
}

/// <summary>Behind a proxy Twilio signs the public URL; the configured base URL makes the check and our URLs match it.</summary>
public sealed class PublicBaseUrlWebhookTests : IDisposable
{
    private readonly QdnAppFactory _app = new QdnAppFactory().With("Qdn:PublicBaseUrl", "https://qdn.example.com/");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InboundCall_SignedForPublicUrl_AcceptedWithAbsoluteActionUrls()
    {
        var http = _app.CreateClient();
        var form = TwilioWebhookClient.CallParameters(NewCallSid());
        var signature = QdnConsole.Features.Twilio.TwilioSignature.Compute(QdnAppFactory.AuthToken,
            "https://qdn.example.com/twilio/inbound-call",
            form.Select(kv => KeyValuePair.Create(kv.Key, new Microsoft.Extensions.Primitives.StringValues(kv.Value))));

        var reply = await new TwilioWebhookClient(http).PostAsync("/twilio/inbound-call", form, signature);
        var localSigned = await new TwilioWebhookClient(http).PostAsync("/twilio/inbound-call", form);

        Assert.Equal(200, reply.Status);
        Assert.Equal("https://qdn.example.com/twilio/dial-result?line=qdn&step=0", reply.DialAction);
        Assert.Equal((int)HttpStatusCode.Forbidden, localSigned.Status);
    }
}
