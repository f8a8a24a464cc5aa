using QdnConsole.Features.Twilio.TwiML;
using static QdnConsole.Tests.Features.Twilio.TwiML.TwiMLText;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

/// <summary>Escaping is XLinq's: text escapes &amp;, &lt; and &gt;; attributes also escape ".</summary>
public sealed class TwiMLEscapingTests
{
    [Fact]
    public void Escaping_TextAndAttributes_MatchXLinq()
    {
        var xml = Verbs(new VoiceResponse()
            .Say("Tom & Jerry <3 > \"quotes\" 'apostrophes'")
            .Redirect("https://example.com/next?a=1&b=<2>\"'", method: "POST"));

        Assert.Equal(
            """<Say>Tom &amp; Jerry &lt;3 &gt; "quotes" 'apostrophes'</Say><Redirect method="POST">https://example.com/next?a=1&amp;b=&lt;2&gt;"'</Redirect>""",
            xml);
    }

    [Fact]
    public void Escaping_ActionAttribute_EscapesAmpersandAngleBracketsAndQuote()
    {
        var dial = new Dial { Action = "/dial?step=1&next=<b>\"x\"'y'" }.Number("+15551230001");

        var xml = Verbs(new VoiceResponse().Dial(dial));

        Assert.Equal(
            """<Dial action="/dial?step=1&amp;next=&lt;b&gt;&quot;x&quot;'y'"><Number>+15551230001</Number></Dial>""",
            xml);
    }
}
