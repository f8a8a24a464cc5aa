using System.Xml.Linq;
using QdnConsole.Features.Twilio.TwiML;
// Xunit has a Record class too.
using Record = QdnConsole.Features.Twilio.TwiML.Record;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

/// <summary>
/// The documents of twilio-facts §2.6, verbatim: what the official C# SDK renders.
/// Expected strings use the platform newline, as the SDK does.
/// </summary>
public sealed class VoiceResponseTests
{
    [Fact]
    public void ToString_EmptyResponse_MatchesSdk()
    {
        var expected = "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + Environment.NewLine + "<Response></Response>";

        Assert.Equal(expected, new VoiceResponse().ToString());
    }

    [Fact]
    public void ToString_DialWithScreenedNumber_MatchesSdk()
    {
        var expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Dial action="https://example.com/dial-result?step=primary&amp;x=1" timeout="20">
                <Number url="https://example.com/screen">+15551230001</Number>
              </Dial>
            </Response>
            """.ReplaceLineEndings();

        Assert.Equal(expected, DialDocument().ToString());
    }

    [Fact]
    public void ToString_GatherWithSayThenHangup_MatchesSdk()
    {
        var expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Gather action="https://example.com/accept" timeout="5" numDigits="1">
                <Say>Press 1 to accept.</Say>
              </Gather>
              <Hangup></Hangup>
            </Response>
            """.ReplaceLineEndings();

        var response = new VoiceResponse()
            .Gather(new Gather { NumDigits = 1, Timeout = 5, Action = "https://example.com/accept" }.Say("Press 1 to accept."))
            .Hangup();

        Assert.Equal(expected, response.ToString());
    }

    [Fact]
    public void ToString_VoicemailDocument_MatchesSdk()
    {
        var expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <Response>
              <Say voice="alice" language="en-US">Leave a message &amp; thanks</Say>
              <Record action="/vm" maxLength="120" playBeep="true" transcribe="true" transcribeCallback="/tx"></Record>
              <Hangup></Hangup>
            </Response>
            """.ReplaceLineEndings();

        var response = new VoiceResponse()
            .Say("Leave a message & thanks", voice: "alice", language: "en-US")
            .Record(new Record { TranscribeCallback = "/tx", Transcribe = true, PlayBeep = true, MaxLength = 120, Action = "/vm" })
            .Hangup();

        Assert.Equal(expected, response.ToString());
    }

    [Fact]
    public void ToString_DisableFormatting_IsOneLineAfterDeclaration()
    {
        const string expected =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Dial action=\"https://example.com/dial-result?step=primary&amp;x=1\" timeout=\"20\">" +
            "<Number url=\"https://example.com/screen\">+15551230001</Number></Dial></Response>";

        Assert.Equal(expected, DialDocument().ToString(SaveOptions.DisableFormatting));
    }

    [Fact]
    public void ToString_CalledTwice_GivesSameDocument()
    {
        var response = DialDocument();

        Assert.Equal(response.ToString(), response.ToString());
    }

    [Fact]
    public void ToXDocument_ParsedBack_HasResponseRootAndSameContent()
    {
        var response = DialDocument();

        var parsed = XDocument.Parse(response.ToString());

        Assert.Equal("Response", parsed.Root!.Name.LocalName);
        Assert.Equal("https://example.com/dial-result?step=primary&x=1", parsed.Root.Element("Dial")!.Attribute("action")!.Value);
        Assert.Equal("+15551230001", parsed.Root.Element("Dial")!.Element("Number")!.Value);
        Assert.True(XNode.DeepEquals(response.ToXDocument().Root, parsed.Root));
    }

    [Fact]
    public void ToXDocument_EditedByCaller_DoesNotChangeResponse()
    {
        var response = DialDocument();
        var before = response.ToString();

        response.ToXDocument().Root!.Element("Dial")!.SetAttributeValue("timeout", "99");

        Assert.Equal(before, response.ToString());
    }

    private static VoiceResponse DialDocument() =>
        new VoiceResponse().Dial(
            new Dial { Timeout = 20, Action = "https://example.com/dial-result?step=primary&x=1" }
                .Number("+15551230001", url: "https://example.com/screen"));
}
