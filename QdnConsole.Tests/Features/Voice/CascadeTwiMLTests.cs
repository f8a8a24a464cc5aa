using QdnConsole.Data;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Voice;

namespace QdnConsole.Tests.Features.Voice;

public class CascadeTwiMLTests
{
    private static readonly VoiceUrls Urls = new("https://qdn.example.com");

    [Theory]
    [InlineData("+18585550123", "8 5 8, 5 5 5, 0 1 2 3")]
    [InlineData("+442071838750", "4 4 2 0 7 1 8 3 8 7 5 0")]
    [InlineData("anonymous", "an unknown caller")]
    [InlineData(null, "an unknown caller")]
    public void SpokenNumber_ReadsDigitsInGroups(string? number, string expected) =>
        Assert.Equal(expected, CascadeTwiML.SpokenNumber(number));

    [Fact]
    public void Ring_ScreenedStep_IsTheSdkShapedDocument()
    {
        var step = new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true);

        var xml = CascadeTwiML.Ring(step, "qdn", Urls, "CA123").ToString();

        Assert.Equal(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Dial action="https://qdn.example.com/twilio/dial-result?line=qdn&amp;step=0" timeout="20" answerOnBridge="true">
                <Number url="https://qdn.example.com/twilio/screen?line=qdn&amp;step=0&amp;call=CA123" statusCallbackEvent="answered" statusCallback="https://qdn.example.com/twilio/leg-status?line=qdn&amp;step=0&amp;call=CA123">+18585550101</Number>
              </Dial>
            </Response>
            """.ReplaceLineEndings("\n"),
            xml);
    }

    [Fact]
    public void Voicemail_RecordsWithActionAndEndsSafelyWithoutOne()
    {
        var xml = CascadeTwiML.Voicemail("Hello & welcome", "qdn", VoicemailReason.Maintenance, Urls).ToString();

        Assert.Equal(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Say>Hello &amp; welcome</Say>
              <Record action="https://qdn.example.com/twilio/voicemail?line=qdn&amp;reason=Maintenance" finishOnKey="#" maxLength="180" playBeep="true"></Record>
              <Say>We did not receive a message. Goodbye.</Say>
              <Hangup></Hangup>
            </Response>
            """.ReplaceLineEndings("\n"),
            xml);
    }
}
