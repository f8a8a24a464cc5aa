using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioVectors;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>TV-A, TV-D, TV-E, TV-G and the token rules.</summary>
public sealed class TwilioSignatureTests
{
    [Fact]
    public void Compute_SdkSharedFixture_MatchesTvA() =>
        Assert.Equal(Signature, TwilioSignature.Compute(Token, Url, Parameters()));

    [Fact]
    public void IsValid_SdkSharedFixture_True() =>
        Assert.True(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens(Token)));

    [Fact]
    public void IsValid_TamperedParameter_False()
    {
        var parameters = Parameters();
        parameters["Digits"] = "1235";

        Assert.False(TwilioSignature.IsValid(Url, parameters, Signature, Tokens(Token)));
    }

    [Fact]
    public void IsValid_ExtraParameter_False()
    {
        var parameters = Parameters();
        parameters["Extra"] = "1";

        Assert.False(TwilioSignature.IsValid(Url, parameters, Signature, Tokens(Token)));
    }

    [Fact]
    public void IsValid_WrongToken_False() =>
        Assert.False(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens("54321")));

    [Fact]
    public void IsValid_SecondaryTokenMatches_True()
    {
        Assert.True(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens("rotated-out", Token)));
        Assert.True(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens(null, Token)));
    }

    [Fact]
    public void IsValid_NoUsableToken_False()
    {
        Assert.False(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens()));
        Assert.False(TwilioSignature.IsValid(Url, Parameters(), Signature, Tokens(null, "")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    [InlineData("not base64 at all ✓")]
    public void IsValid_BadSignature_False(string? signature) =>
        Assert.False(TwilioSignature.IsValid(Url, Parameters(), signature, Tokens(Token)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("://")]
    [InlineData("https://")]
    [InlineData("https://@:/")]
    [InlineData("https://[::1")]
    public void IsValid_GarbageUrl_FalseWithoutThrowing(string? url) =>
        Assert.False(TwilioSignature.IsValid(url!, Parameters(), Signature, Tokens(Token)));

    [Fact]
    public void IsValid_NullTokenList_False() =>
        Assert.False(TwilioSignature.IsValid(Url, Parameters(), Signature, null!));

    [Fact]
    public void Compute_TwilioDocsExample_MatchesTvE()
    {
        var parameters = new Dictionary<string, StringValues>
        {
            ["Digits"] = "1234",
            ["To"] = "+18005551212",
            ["From"] = "+14158675310",
            ["Caller"] = "+14158675310",
            ["CallSid"] = "CA1234567890ABCDE",
        };

        Assert.Equal("L/OH5YylLD5NRKLltdqwSvS0BnU=", TwilioSignature.Compute(Token, "https://example.com/myapp.php?foo=1&bar=2", parameters));
    }

    [Fact]
    public void Compute_OlderDocsVariant_MatchesTvE()
    {
        var parameters = Parameters();
        parameters["From"] = "+12349013030";
        parameters["Caller"] = "+12349013030";

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute(Token, Url, parameters));
    }

    [Fact]
    public void Compute_EmptyValueStillAppendsKey_MatchesTvG()
    {
        var withEmptyString = new Dictionary<string, StringValues> { ["CallSid"] = "CA1", ["Digits"] = "" };
        var withNoValue = new Dictionary<string, StringValues> { ["CallSid"] = "CA1", ["Digits"] = StringValues.Empty };

        Assert.Equal("DhGarA4okHQi6dRSfLZkm2RcJuA=", TwilioSignature.Compute(Token, "https://example.com/voice", withEmptyString));
        Assert.Equal("DhGarA4okHQi6dRSfLZkm2RcJuA=", TwilioSignature.Compute(Token, "https://example.com/voice", withNoValue));
    }

    [Fact]
    public void Compute_NoParameters_SignsUrlAlone()
    {
        Assert.Equal(TwilioSignature.Compute(Token, Url, null), TwilioSignature.Compute(Token, Url, []));
        Assert.Equal(
            "y77kIzt2vzLz71DgmJGsen2scGs=",
            TwilioSignature.Compute(Token, "https://mycompany.com/myapp.php?bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620", null));
    }

    [Fact]
    public void Compute_MissingToken_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => TwilioSignature.Compute(null!, Url, null));
        Assert.ThrowsAny<ArgumentException>(() => TwilioSignature.Compute("", Url, null));
    }
}
