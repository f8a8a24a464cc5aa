using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioVectors;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>TV-C: JSON bodies, signed through the URL's bodySHA256 parameter.</summary>
public sealed class TwilioSignatureBodyTests
{
    private const string Body = """{"property": "value", "boolean": true}""";
    private const string BodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private const string Url1 = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + BodyHash;
    private const string Url2 = "https://mycompany.com/myapp.php?bodySHA256=" + BodyHash;
    private const string EmptyObjectUrl =
        "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    [Theory]
    [InlineData(Url1, "a9nBmqA0ju/hNViExpshrM61xv4=")]
    [InlineData(Url2, "y77kIzt2vzLz71DgmJGsen2scGs=")]
    public void IsValidBody_SdkVectors_True(string url, string signature) =>
        Assert.True(TwilioSignature.IsValidBody(url, Body, signature, Tokens(Token)));

    [Fact]
    public void IsValidBody_NodeVectorSignedWithPort443_True()
    {
        Assert.True(TwilioSignature.IsValidBody(EmptyObjectUrl, "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=", Tokens(Token)));
        Assert.True(TwilioSignature.IsValidBody(EmptyObjectUrl, "{}", "rw/jVviOgicj2+kHZULvebnA4ag=", Tokens(Token)));
    }

    [Fact]
    public void IsValidBody_TamperedBody_False() =>
        Assert.False(TwilioSignature.IsValidBody(Url1, Body.Replace("value", "other", StringComparison.Ordinal), "a9nBmqA0ju/hNViExpshrM61xv4=", Tokens(Token)));

    [Fact]
    public void IsValidBody_WrongSignature_False() =>
        Assert.False(TwilioSignature.IsValidBody(Url1, Body, "y77kIzt2vzLz71DgmJGsen2scGs=", Tokens(Token)));

    [Fact]
    public void IsValidBody_UrlWithoutBodyHash_False() =>
        Assert.False(TwilioSignature.IsValidBody(Url, Body, Signature, Tokens(Token)));

    [Fact]
    public void IsValidBody_GarbageInput_FalseWithoutThrowing()
    {
        Assert.False(TwilioSignature.IsValidBody(null!, Body, "a9nBmqA0ju/hNViExpshrM61xv4=", Tokens(Token)));
        Assert.False(TwilioSignature.IsValidBody(Url1, null!, "a9nBmqA0ju/hNViExpshrM61xv4=", Tokens(Token)));
        Assert.False(TwilioSignature.IsValidBody(Url1, Body, null, Tokens(Token)));
        Assert.False(TwilioSignature.IsValidBody(Url1, Body, "a9nBmqA0ju/hNViExpshrM61xv4=", Tokens()));
        Assert.False(TwilioSignature.IsValidBody("https://x/?bodySHA256=%zz", Body, "a9nBmqA0ju/hNViExpshrM61xv4=", Tokens(Token)));
    }
}
