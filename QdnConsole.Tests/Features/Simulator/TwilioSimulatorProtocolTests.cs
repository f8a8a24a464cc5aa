using System.Net;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Simulator.StubTwilioApp;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>How the simulator talks to the webhooks: Twilio's fields, signatures, URL resolution, and what it refuses.</summary>
public sealed class TwilioSimulatorProtocolTests
{
    private static readonly string Voicemail = Twiml("""<Say>Please leave a message.</Say><Record action="/twilio/vm" maxLength="180" finishOnKey="#"/>""");

    [Fact]
    public async Task Run_InboundCall_PostsTwiliosStandardParametersMarkedAsTest()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Twiml("<Hangup/>"));

        var result = await app.CallAsync();

        var inbound = app.Requests[0];
        Assert.Equal(("POST", $"{Base}/twilio/inbound-call"), (inbound.Method, inbound.Url.AbsoluteUri));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AccountSid"] = TwilioSimulator.FakeAccountSid, ["ApiVersion"] = "2010-04-01", ["CallSid"] = result.CallSid,
                ["CallStatus"] = "ringing", ["Called"] = Line, ["Caller"] = Caller, ["Direction"] = "inbound",
                ["From"] = Caller, ["To"] = Line, ["QdnTest"] = "true",
            },
            inbound.Form);
        Assert.Matches("^CA[0-9a-f]{32}$", result.CallSid);
    }

    [Fact]
    public async Task Run_NotMarkedAsTest_SendsNoTestFlag()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Voicemail);

        await app.CallAsync(new SimulationRequest(Line, Caller, [], MarkAsTest: false));

        Assert.All(app.Requests, r => Assert.False(r.Form.ContainsKey("QdnTest")));
    }

    [Fact]
    public async Task Run_EveryRequest_IsSignedOverItsAbsoluteUrlAndAllFields()
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml("""<Dial action="dial-result"><Number url="screen" statusCallback="leg?x=%2B1" statusCallbackEvent="answered">+15551230001</Number></Dial>"""))
            .Answer("/twilio/screen", Twiml("""<Gather action="screen-result" numDigits="1"><Say>Press 1.</Say></Gather><Hangup/>"""))
            .Answer("/twilio/screen-result", Twiml(string.Empty))
            .Answer("/twilio/dial-result", Voicemail);

        await app.CallAsync(DialChoice.Answered);

        Assert.Equal(7, app.Requests.Count);
        Assert.All(app.Requests, r => Assert.Equal(TwilioSimulator.Sign(Token, r.Url.AbsoluteUri, r.Form), r.Signature));
        Assert.All(app.Requests, r => Assert.True(TwilioSignature.IsValid(r.Url.AbsoluteUri, r.Form.ToDictionary(kv => kv.Key, kv => new Microsoft.Extensions.Primitives.StringValues(kv.Value)), r.Signature, [Token])));
    }

    [Fact]
    public async Task Run_RelativeUrls_ResolveAgainstTheDocumentThatHeldThem()
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml("<Redirect>next?x=1</Redirect>"))
            .Answer("/twilio/next", Twiml("<Redirect>../other/place</Redirect>"))
            .Answer("/other/place", Twiml($"""<Redirect>{Base}/twilio/absolute</Redirect>"""))
            .Answer("/twilio/absolute", Twiml("<Hangup/>"));

        await app.CallAsync();

        Assert.Equal(
            ["/twilio/inbound-call", "/twilio/next?x=1", "/other/place", "/twilio/absolute", "/twilio/call-status"],
            app.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Run_Record_PostsTheRecordingAndEndsInVoicemailWithTheGreeting()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Voicemail).Answer("/twilio/vm", Twiml("<Say>Thanks.</Say><Hangup/>"));

        var result = await app.CallAsync(new SimulationRequest(Line, Caller, [], RecordingSeconds: 17));

        var recording = app.Request("/twilio/vm").Form;
        Assert.Equal(("17", "#"), (recording["RecordingDuration"], recording["Digits"]));
        Assert.Matches("^RE[0-9a-f]{32}$", recording["RecordingSid"]);
        Assert.EndsWith("/Recordings/" + recording["RecordingSid"], recording["RecordingUrl"], StringComparison.Ordinal);
        Assert.Equal((SimulationEnd.Voicemail, "Please leave a message."), (result.End, result.Greeting));
        Assert.False(result.Lost);
    }

    [Fact]
    public async Task Run_NoMessage_PostsDigitsHangupWithoutARecording()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Voicemail);

        var result = await app.CallAsync(new SimulationRequest(Line, Caller, [], LeaveMessage: false));

        var hangup = app.Request("/twilio/vm").Form;
        Assert.Equal(("hangup", "completed"), (hangup["Digits"], hangup["CallStatus"]));
        Assert.False(hangup.ContainsKey("RecordingUrl"));
        Assert.Equal(SimulationEnd.Voicemail, result.End);
    }

    [Fact]
    public async Task Run_TopLevelGather_PostsConfiguredDigitsElseMovesOn()
    {
        var gather = Twiml("""<Gather action="/twilio/menu" numDigits="1"><Say>Press 2.</Say></Gather><Hangup/>""");
        var pressed = new StubTwilioApp().Answer("/twilio/inbound-call", gather).Answer("/twilio/menu", Voicemail);
        var silent = new StubTwilioApp().Answer("/twilio/inbound-call", gather).Answer("/twilio/menu", Voicemail);

        var withDigits = await pressed.CallAsync(new SimulationRequest(Line, Caller, [], GatherDigits: ["2"]));
        var without = await silent.CallAsync();

        Assert.Equal("2", pressed.Request("/twilio/menu").Form["Digits"]);
        Assert.Equal(SimulationEnd.Voicemail, withDigits.End);
        Assert.DoesNotContain(silent.Requests, r => r.Url.AbsolutePath == "/twilio/menu");
        Assert.Equal(SimulationEnd.Lost, without.End);
    }

    [Fact]
    public async Task Run_CallEnds_StatusCallbackReportsCompletedWithDuration()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Voicemail);

        await app.CallAsync();

        var status = app.Requests[^1];
        Assert.Equal("/twilio/call-status", status.Path);
        Assert.Equal("completed", status.Form["CallStatus"]);
        Assert.True(int.Parse(status.Form["CallDuration"], System.Globalization.CultureInfo.InvariantCulture) >= 12);
    }

    [Fact]
    public async Task Run_RedirectLoop_StopsAfterTheLimit()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Twiml("<Redirect>/twilio/inbound-call</Redirect>"));

        var result = await app.CallAsync();

        Assert.Equal(SimulationEnd.Failed, result.End);
        Assert.Equal(TwilioSimulator.MaxRequests, app.Requests.Count);
        Assert.Contains("a loop", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "application/xml", "<Response/>", "HTTP 500")]
    [InlineData(200, "text/plain", "<Response/>", "Content-Type 'text/plain; charset=utf-8' is not TwiML")]
    [InlineData(200, "application/xml", "<Response><Dial/></Response>", "<Dial> has no number to call")]
    public async Task Run_AnswerTwilioRefuses_FailsWithTheReasonAndGoesNoFurther(int status, string contentType, string body, string reason)
    {
        var app = new StubTwilioApp().Respond("/twilio/inbound-call", _ => new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        });

        var result = await app.CallAsync();

        Assert.Equal(SimulationEnd.Failed, result.End);
        Assert.True(result.Lost);
        Assert.Contains(reason, result.Summary, StringComparison.Ordinal);
        Assert.Equal(status, Assert.Single(result.Steps).Status);
        Assert.Single(app.Requests);
    }

    [Fact]
    public async Task Run_UrlOutsideTheApp_IsNeverCalled()
    {
        var app = new StubTwilioApp().Answer("/twilio/inbound-call", Twiml("<Redirect>https://elsewhere.example/steal</Redirect>"));

        var result = await app.CallAsync();

        Assert.Equal(SimulationEnd.Failed, result.End);
        Assert.Contains("outside this app", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Requests, r => r.Url.Host == "elsewhere.example");
    }

    [Fact]
    public async Task Run_PublicBaseUrlConfigured_SignsPublicUrlsAndSendsThemToTheClient()
    {
        const string publicBase = "https://qdn.example.org";
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml($"""<Dial action="{publicBase}/twilio/dial-result"><Number>+15551230001</Number></Dial>"""))
            .Answer("/twilio/dial-result", Voicemail);

        var result = await app.CallAsync(new SimulationRequest(Line, Caller, []), publicBase);

        Assert.Equal(SimulationEnd.Voicemail, result.End);
        Assert.All(app.Requests, r => Assert.Equal(Base, r.Url.GetLeftPart(UriPartial.Authority)));
        Assert.All(app.Requests, r => Assert.Equal(TwilioSimulator.Sign(Token, publicBase + r.Path, r.Form), r.Signature));
        Assert.Equal($"{publicBase}/twilio/inbound-call", result.Steps[0].Url);
    }
}
