using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioFilterHarness;

namespace QdnConsole.Tests.Features.Twilio;

public sealed class TwilioRequestUrlTests
{
    [Fact]
    public void RequestUrl_NoRawTarget_UsesSchemeHostPathBasePathAndQuery()
    {
        var context = Request("POST", "https", "example.com:8443", "/twilio/voice", "?step=1&x=a%20b");
        context.Request.PathBase = "/qdn";

        Assert.Equal("https://example.com:8443/qdn/twilio/voice?step=1&x=a%20b", TwilioSignatureFilter.RequestUrl(context.Request, null));
    }

    [Fact]
    public void RequestUrl_RawTarget_KeptByteExact()
    {
        var context = Request("POST", "https", "example.com", "/twilio/A b", "?x='q'", rawTarget: "/twilio/%41%20b?x=%27q%27");

        Assert.Equal("https://example.com/twilio/%41%20b?x=%27q%27", TwilioSignatureFilter.RequestUrl(context.Request, null));
    }

    [Fact]
    public void RequestUrl_AbsoluteFormRawTarget_FallsBackToParsedParts()
    {
        var context = Request("POST", "http", "example.com", "/twilio/voice", rawTarget: "http://example.com/twilio/voice");

        Assert.Equal("http://example.com/twilio/voice", TwilioSignatureFilter.RequestUrl(context.Request, null));
    }

    [Theory]
    [InlineData("https://qdn.example.org")]
    [InlineData("https://qdn.example.org/")]
    public void RequestUrl_PublicBaseUrl_ReplacesSchemeAndHost(string publicBaseUrl)
    {
        var context = Request("POST", "http", "127.0.0.1:5000", "/twilio/voice", "?step=2", rawTarget: "/twilio/voice?step=2");

        Assert.Equal("https://qdn.example.org/twilio/voice?step=2", TwilioSignatureFilter.RequestUrl(context.Request, publicBaseUrl));
    }
}
