using QdnConsole.Features.Simulator;
using QdnConsole.Features.Voice;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>The reader accepts what Twilio executes and refuses, with a reason, what Twilio would refuse.</summary>
public sealed class TwimlReaderTests
{
    private const string Xml = "application/xml; charset=utf-8";

    [Fact]
    public void Read_OurCascadeAnswers_AreAccepted()
    {
        var urls = new VoiceUrls(string.Empty);
        var step = new QdnConsole.Features.Routing.CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true);
        string[] documents =
        [
            CascadeTwiML.Ring(step, "qdn", urls, "CA1").ToString(),
            CascadeTwiML.Voicemail("Hello.", "qdn", QdnConsole.Data.VoicemailReason.NoAnswer, urls).ToString(),
            CascadeTwiML.VoicemailThanks().ToString(),
            CascadeTwiML.Empty().ToString(),
        ];

        Assert.All(documents, d => Assert.True(TwimlReader.Read(Xml, d).Ok, d));
        Assert.True(TwimlReader.Read(Xml, CascadeTwiML.ScreenPrompt("QDN", "+16195550199", "/s").ToString(), TwimlContext.Whisper).Ok);
    }

    [Fact]
    public void Read_DialWithScreenedNumber_KeepsAttributesAndNouns()
    {
        const string body = """<Response><Dial action="/next?a=1&amp;b=2" timeout="20"><Number url="/screen" statusCallbackEvent="answered">+15551230001</Number></Dial></Response>""";

        var verbs = TwimlReader.Read("text/xml", body).Verbs;

        var dial = Assert.Single(verbs);
        Assert.Equal(("Dial", "/next?a=1&b=2", "20"), (dial.Name, dial.Attr("action"), dial.Attr("timeout")));
        var number = Assert.Single(dial.Children);
        Assert.Equal(("Number", "+15551230001", "/screen"), (number.Name, number.Text, number.Attr("url")));
    }

    [Fact]
    public void Read_AllKnownVerbs_InOrder()
    {
        const string body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- comments are fine -->
            <Response><Say voice="alice">Hi <break time="1s"/> there</Say><Play>https://example.com/a.mp3</Play><Pause length="2"/>
            <Gather numDigits="1"><Say>Press 1</Say><Pause/></Gather><Record maxLength="60"/><Redirect method="GET">/again</Redirect>
            <Dial>+15551230001</Dial><Dial><Client><Identity>ana</Identity></Client></Dial><Dial><Sip>sip:a@example.com</Sip></Dial>
            <Hangup/><Reject reason="busy"/></Response>
            """;

        var read = TwimlReader.Read(Xml, body);

        Assert.True(read.Ok, read.Error);
        Assert.Equal(["Say", "Play", "Pause", "Gather", "Record", "Redirect", "Dial", "Dial", "Dial", "Hangup", "Reject"], read.Verbs.Select(v => v.Name));
        Assert.Equal("Hi  there", read.Verbs[0].Text);
    }

    [Theory]
    [InlineData("text/plain", "<Response/>", "Content-Type 'text/plain' is not TwiML")]
    [InlineData(null, "<Response/>", "Content-Type '(none)' is not TwiML")]
    [InlineData("text/html", "<Response/>", "Content-Type 'text/html' is not TwiML")]
    [InlineData(Xml, "", "not well-formed XML")]
    [InlineData(Xml, "<Response><Say>unclosed</Response>", "not well-formed XML")]
    [InlineData(Xml, "<Response><Say>Tom & Jerry</Say></Response>", "not well-formed XML")]
    [InlineData(Xml, "\n<?xml version=\"1.0\"?><Response/>", "not well-formed XML")]
    [InlineData(Xml, "<!DOCTYPE Response [<!ENTITY x \"y\">]><Response/>", "not well-formed XML")]
    [InlineData(Xml, "<response/>", "root element is <response>, not <Response>")]
    [InlineData(Xml, "<Dial>+15551230001</Dial>", "root element is <Dial>")]
    [InlineData(Xml, "<Response><Speak>hi</Speak></Response>", "<Speak> is not a TwiML verb")]
    [InlineData(Xml, "<Response><say>hi</say></Response>", "<say> is not a TwiML verb")]
    [InlineData(Xml, "<Response><Conference>room</Conference></Response>", "<Conference> is a Twilio verb this product never uses")]
    [InlineData(Xml, "<Response><Dial action=\"/x\"></Dial></Response>", "<Dial> has no number to call")]
    [InlineData(Xml, "<Response><Dial><Number> </Number></Dial></Response>", "<Number> inside <Dial> is empty")]
    [InlineData(Xml, "<Response><Number>+15551230001</Number></Response>", "<Number> must be inside <Dial>")]
    [InlineData(Xml, "<Response><Gather><Dial>+15551230001</Dial></Gather></Response>", "<Dial> cannot be nested inside <Gather>")]
    [InlineData(Xml, "<Response><Dial><Say>hi</Say></Dial></Response>", "<Say> cannot be nested inside <Dial>")]
    [InlineData(Xml, "<Response><Say><Hangup/></Say></Response>", "<Hangup> cannot be nested inside <Say>")]
    [InlineData(Xml, "<Response><Record><Say>hi</Say></Record></Response>", "<Say> cannot be nested inside <Record>")]
    [InlineData(Xml, "<Response><Redirect></Redirect></Response>", "<Redirect> has no URL")]
    [InlineData(Xml, "<Response><Redirect method=\"PUT\">/x</Redirect></Response>", "must be GET or POST")]
    public void Read_DocumentsTwilioRefuses_FailWithTheReason(string? contentType, string body, string reason)
    {
        var read = TwimlReader.Read(contentType, body);

        Assert.False(read.Ok);
        Assert.Empty(read.Verbs);
        Assert.Contains(reason, read.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Response><Dial>+15551230001</Dial></Response>", "<Dial> is not allowed in a <Number url> document")]
    [InlineData("<Response><Record/></Response>", "<Record> is not allowed in a <Number url> document")]
    [InlineData("<Response><Redirect>/x</Redirect></Response>", "<Redirect> is not allowed in a <Number url> document")]
    public void Read_WhisperWithVerbsTwilioDoesNotRunThere_Fails(string body, string reason)
    {
        var read = TwimlReader.Read(Xml, body, TwimlContext.Whisper);

        Assert.Contains(reason, read.Error, StringComparison.Ordinal);
    }
}
