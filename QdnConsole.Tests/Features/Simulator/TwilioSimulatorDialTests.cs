using QdnConsole.Features.Simulator;
using static QdnConsole.Tests.Features.Simulator.StubTwilioApp;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>What the simulator reports to a Dial action for each thing a dialed phone can do, as Twilio would.</summary>
public sealed class TwilioSimulatorDialTests
{
    private const string Phone = "+15551230001";

    [Theory]
    [InlineData(DialChoice.Answered, "completed", "true", "in-progress", SimulationEnd.Person)]
    [InlineData(DialChoice.ScreenAccept, "completed", "true", "in-progress", SimulationEnd.Person)]
    [InlineData(DialChoice.ScreenReject, "completed", "true", "in-progress", SimulationEnd.Person)]
    [InlineData(DialChoice.Busy, "busy", "false", "in-progress", SimulationEnd.Lost)]
    [InlineData(DialChoice.NoAnswer, "no-answer", "false", "in-progress", SimulationEnd.Lost)]
    [InlineData(DialChoice.Failed, "failed", "false", "in-progress", SimulationEnd.Lost)]
    [InlineData(DialChoice.Canceled, "canceled", "false", "in-progress", SimulationEnd.Lost)]
    [InlineData(DialChoice.CallerHangsUp, "no-answer", "false", "completed", SimulationEnd.CallerHungUp)]
    [InlineData(DialChoice.VoicemailPicksUp, "completed", "true", "in-progress", SimulationEnd.Lost)]
    public async Task Dial_UnscreenedNumber_ActionGetsTwiliosFields(DialChoice choice, string status, string bridged, string callStatus, SimulationEnd end)
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml($"""<Dial action="dial-result?step=0" timeout="20"><Number>{Phone}</Number></Dial>"""))
            .Answer("/twilio/dial-result", Twiml("<Hangup/>"));

        var result = await app.CallAsync(choice);

        var action = app.Request("/twilio/dial-result?step=0").Form;
        Assert.Equal((status, bridged, callStatus), (action["DialCallStatus"], action["DialBridged"], action["CallStatus"]));
        Assert.Matches("^CA[0-9a-f]{32}$", action["DialCallSid"]);
        Assert.NotEqual(result.CallSid, action["DialCallSid"]);
        Assert.Equal(bridged == "true", int.Parse(action["DialCallDuration"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(end, result.End);
        Assert.Equal([Phone], result.DialedNumbers);
    }

    [Fact]
    public async Task Dial_UnscreenedPhoneVoicemailPicksUp_IsLostToThatVoicemail()
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml($"""<Dial action="/twilio/dial-result"><Number>{Phone}</Number></Dial>"""))
            .Answer("/twilio/dial-result", Twiml("<Hangup/>"));

        var result = await app.CallAsync(DialChoice.VoicemailPicksUp);

        Assert.True(result.Lost);
        Assert.Null(result.ReachedNumber);
        Assert.Contains($"{Phone}'s own voicemail answered", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DialChoice.Answered, "1", "true", SimulationEnd.Person)]
    [InlineData(DialChoice.ScreenAccept, "1", "true", SimulationEnd.Person)]
    [InlineData(DialChoice.ScreenReject, "2", "false", SimulationEnd.Lost)]
    [InlineData(DialChoice.VoicemailPicksUp, null, "false", SimulationEnd.Lost)]
    public async Task Dial_ScreenedNumber_PressesTheKeyAndBridgesOnlyWhenTheWhisperEnds(DialChoice choice, string? digits, string bridged, SimulationEnd end)
    {
        var app = Screened("<Hangup/>");

        var result = await app.CallAsync(choice);

        Assert.Equal(digits, app.Requests.SingleOrDefault(r => r.Url.AbsolutePath == "/twilio/screen-result")?.Form["Digits"]);
        var action = app.Request("/twilio/dial-result").Form;
        Assert.Equal(("completed", bridged), (action["DialCallStatus"], action["DialBridged"]));
        Assert.Equal(end, result.End);
    }

    [Fact]
    public async Task Dial_ScreenedNumberPicksUp_LegCallbackThenWhisperOnTheChildLeg()
    {
        var app = Screened("<Hangup/>");

        var result = await app.CallAsync(DialChoice.Answered);

        Assert.Equal(
            ["/twilio/inbound-call", "/twilio/leg", "/twilio/screen", "/twilio/screen-result", "/twilio/dial-result", "/twilio/call-status"],
            app.Requests.Select(r => r.Url.AbsolutePath));
        foreach (var path in new[] { "/twilio/leg", "/twilio/screen", "/twilio/screen-result" })
        {
            var leg = app.Request(path).Form;
            Assert.Equal((result.CallSid, "outbound-dial", "in-progress", Phone, Caller),
                (leg["ParentCallSid"], leg["Direction"], leg["CallStatus"], leg["To"], leg["From"]));
            Assert.Equal(app.Request("/twilio/dial-result").Form["DialCallSid"], leg["CallSid"]);
        }

        Assert.Equal("call-progress-events", app.Request("/twilio/leg").Form["CallbackSource"]);
        Assert.Equal(Phone, result.ReachedNumber);
    }

    [Fact]
    public async Task Dial_WhisperWithoutHangupAndVoicemailPicksUp_BridgesToThatVoicemail()
    {
        // Twilio bridges when the whisper's document simply ends, pressed key or not (function-templates #17).
        var app = Screened(string.Empty);

        var result = await app.CallAsync(DialChoice.VoicemailPicksUp);

        Assert.Equal("true", app.Request("/twilio/dial-result").Form["DialBridged"]);
        Assert.Equal(SimulationEnd.Lost, result.End);
    }

    [Fact]
    public async Task Dial_ChoicesRunOut_NextPhonesDoNotAnswer()
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml($"""<Dial action="/twilio/second"><Number>{Phone}</Number></Dial>"""))
            .Answer("/twilio/second", Twiml("""<Dial action="/twilio/third"><Number>+15551230002</Number></Dial>"""))
            .Answer("/twilio/third", Twiml("<Hangup/>"));

        var result = await app.CallAsync(DialChoice.Busy);

        Assert.Equal(("busy", "no-answer"), (app.Request("/twilio/second").Form["DialCallStatus"], app.Request("/twilio/third").Form["DialCallStatus"]));
        Assert.Equal([Phone, "+15551230002"], result.DialedNumbers);
    }

    [Fact]
    public async Task Dial_WithoutAction_ContinuesWithTheNextVerb()
    {
        var app = new StubTwilioApp()
            .Answer("/twilio/inbound-call", Twiml($"""<Dial><Number>{Phone}</Number></Dial><Say>Sorry.</Say><Record action="/twilio/vm"/>"""));

        var result = await app.CallAsync(DialChoice.NoAnswer);

        Assert.Equal(SimulationEnd.Voicemail, result.End);
        Assert.Equal("Sorry.", result.Greeting);
    }

    private static StubTwilioApp Screened(string afterGather) => new StubTwilioApp()
        .Answer("/twilio/inbound-call", Twiml($"""
            <Dial action="/twilio/dial-result" timeout="20" answerOnBridge="true">
              <Number url="/twilio/screen" statusCallback="/twilio/leg" statusCallbackEvent="answered">{Phone}</Number>
            </Dial>
            """))
        .Answer("/twilio/screen", Twiml($"""<Gather action="/twilio/screen-result" numDigits="1"><Say>Press 1.</Say></Gather>{afterGather}"""))
        .Answer("/twilio/screen-result", form => Twiml(form["Digits"] == "1" ? string.Empty : "<Say>Declined.</Say><Hangup/>"))
        .Answer("/twilio/dial-result", Twiml("<Hangup/>"));
}
