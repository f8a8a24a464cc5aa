using QdnConsole.Features.Twilio.TwiML;
using static QdnConsole.Tests.Features.Twilio.TwiML.TwiMLText;
// Xunit has a Record class too.
using Record = QdnConsole.Features.Twilio.TwiML.Record;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

/// <summary>
/// Each verb's attributes in the SDK's order (the §2.6 SDK lines restricted to what we
/// support), whatever order they were set in; only set attributes appear.
/// </summary>
public sealed class TwiMLVerbTests
{
    [Fact]
    public void Say_AllOptions_VoiceLoopLanguageOrder()
    {
        var xml = Verbs(new VoiceResponse().Say("message", language: "af-ZA", loop: 1, voice: "man"));

        Assert.Equal("""<Say voice="man" loop="1" language="af-ZA">message</Say>""", xml);
    }

    [Fact]
    public void PlayPauseRedirectHangup_MatchSdkLines()
    {
        var xml = Verbs(new VoiceResponse()
            .Pause(1)
            .Play("https://example.com", loop: 1)
            .Redirect("https://example.com", method: "GET")
            .Hangup());

        Assert.Equal(
            """<Pause length="1"></Pause><Play loop="1">https://example.com</Play><Redirect method="GET">https://example.com</Redirect><Hangup></Hangup>""",
            xml);
    }

    [Fact]
    public void Reject_WithAndWithoutReason_RendersEmptyElement()
    {
        var xml = Verbs(new VoiceResponse().Reject().Reject("busy"));

        Assert.Equal("""<Reject></Reject><Reject reason="busy"></Reject>""", xml);
    }

    [Fact]
    public void Dial_AllOptions_SdkAttributeOrder()
    {
        var dial = new Dial
        {
            RingTone = "at",
            AnswerOnBridge = true,
            Record = "do-not-record",
            CallerId = "caller_id",
            TimeLimit = 1,
            HangupOnStar = true,
            Timeout = 30,
            Method = "GET",
            Action = "https://example.com",
        };

        var xml = Verbs(new VoiceResponse().Dial(dial.Number("+15017122661")));

        Assert.Equal(
            """<Dial action="https://example.com" method="GET" timeout="30" hangupOnStar="true" timeLimit="1" callerId="caller_id" record="do-not-record" answerOnBridge="true" ringTone="at"><Number>+15017122661</Number></Dial>""",
            xml);
    }

    [Fact]
    public void DialNumber_AllOptions_SdkAttributeOrder()
    {
        var dial = new Dial().Number(
            "+15017122661",
            statusCallbackEvent: "initiated",
            statusCallback: "https://example.com",
            method: "GET",
            url: "https://example.com");

        var xml = Verbs(new VoiceResponse().Dial(dial));

        Assert.Equal(
            """<Dial><Number url="https://example.com" method="GET" statusCallbackEvent="initiated" statusCallback="https://example.com">+15017122661</Number></Dial>""",
            xml);
    }

    [Fact]
    public void Dial_SeveralNumbers_IndentedAsChildren()
    {
        var dial = new Dial { AnswerOnBridge = false }
            .Number("+15551230001", url: "/screen?line=1&amp=2")
            .Number("+15551230002");

        var document = new VoiceResponse().Dial(dial).ToString();

        Assert.Equal(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Dial answerOnBridge="false">
                <Number url="/screen?line=1&amp;amp=2">+15551230001</Number>
                <Number>+15551230002</Number>
              </Dial>
            </Response>
            """.ReplaceLineEndings(),
            document);
    }

    [Fact]
    public void Gather_AllOptionsAndPrompts_SdkAttributeOrder()
    {
        var gather = new Gather
        {
            ActionOnEmptyResult = true,
            Hints = "hints",
            Language = "af-ZA",
            NumDigits = 1,
            FinishOnKey = "#",
            SpeechTimeout = "speech_timeout",
            Timeout = 1,
            Method = "GET",
            Action = "https://example.com",
            Input = "dtmf",
        }.Say("Hi", voice: "man").Play("https://example.com/a.mp3").Pause(2);

        var xml = Verbs(new VoiceResponse().Gather(gather));

        Assert.Equal(
            """<Gather input="dtmf" action="https://example.com" method="GET" timeout="1" speechTimeout="speech_timeout" finishOnKey="#" numDigits="1" language="af-ZA" hints="hints" actionOnEmptyResult="true"><Say voice="man">Hi</Say><Play>https://example.com/a.mp3</Play><Pause length="2"></Pause></Gather>""",
            xml);
    }

    [Fact]
    public void Record_AllOptions_SdkAttributeOrder()
    {
        var record = new Record
        {
            TranscribeCallback = "https://example.com",
            Transcribe = true,
            RecordingStatusCallbackMethod = "GET",
            RecordingStatusCallback = "https://example.com",
            Trim = "trim-silence",
            PlayBeep = true,
            MaxLength = 1,
            FinishOnKey = "1#",
            Timeout = 1,
            Method = "GET",
            Action = "https://example.com",
        };

        var xml = Verbs(new VoiceResponse().Record(record));

        Assert.Equal(
            """<Record action="https://example.com" method="GET" timeout="1" finishOnKey="1#" maxLength="1" playBeep="true" trim="trim-silence" recordingStatusCallback="https://example.com" recordingStatusCallbackMethod="GET" transcribe="true" transcribeCallback="https://example.com"></Record>""",
            xml);
    }
}
