using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioVectors;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>TV-B and TV-F: which URL string is signed, and the port/case/credential rules.</summary>
public sealed class TwilioSignatureUrlTests
{
    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "OyGYPqTF6ztdbRNCvuQO/oPvqQ4=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=")]
    [InlineData("http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=")]
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=")]
    [InlineData("https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=")]
    [InlineData("https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&Body=It%27s+amazing", "TfZzewPq8wqrGlMfyAud8+/IvJ0=")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "dsq4Ehbj6cs+KdTkpF5sSSplOWw=")]
    public void ComputeAndIsValid_EveryTvBRow_SignsUrlExactly(string url, string signature)
    {
        Assert.Equal(signature, TwilioSignature.Compute(Token, url, Parameters()));
        Assert.True(TwilioSignature.IsValid(url, Parameters(), signature, Tokens(Token)));
    }

    [Theory]
    // Twilio drops the port of HTTPS voice callbacks: a URL seen with a port validates without it.
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "OyGYPqTF6ztdbRNCvuQO/oPvqQ4=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("http://MyCompany.com:80/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    // …and one without a port validates against a signature made with the default port.
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=")]
    [InlineData("https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=")]
    public void IsValid_PortVariation_True(string url, string signature) =>
        Assert.True(TwilioSignature.IsValid(url, Parameters(), signature, Tokens(Token)));

    [Theory]
    // C# negative vectors: host case is part of the signed string.
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    // Scheme matters; only the port varies.
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    // Credentials are kept, so dropping them does not validate.
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    // Percent-encoding is not normalised (only Node's legacy-querystring variant would accept this).
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "TfZzewPq8wqrGlMfyAud8+/IvJ0=")]
    public void IsValid_NegativeVectors_False(string url, string signature) =>
        Assert.False(TwilioSignature.IsValid(url, Parameters(), signature, Tokens(Token)));

    [Fact]
    public void IsValid_ConnectionOverrideFragment_IgnoredWhenSigning() =>
        Assert.True(TwilioSignature.IsValid(Url + "#rc=2&ct=1000", Parameters(), Signature, Tokens(Token)));

    [Fact]
    public void IsValid_Ipv6HostWithPort_RemovesOnlyThePort()
    {
        var signature = TwilioSignature.Compute(Token, "https://[::1]/voice", null);

        Assert.True(TwilioSignature.IsValid("https://[::1]:8443/voice", null, signature, Tokens(Token)));
    }

    [Fact]
    public void IsValid_PortAddedOrRemoved_NodeUnitCasesTvF()
    {
        const string secret = "s3cr3t";
        var withPort = TwilioSignature.Compute(secret, "https://example.com:443/path?test=param", null);
        var withoutPort = TwilioSignature.Compute(secret, "https://example.com/path?test=param", null);

        Assert.True(TwilioSignature.IsValid("https://example.com/path?test=param", null, withPort, Tokens(secret)));
        Assert.True(TwilioSignature.IsValid("https://example.com:443/path?test=param", null, withoutPort, Tokens(secret)));
        Assert.False(TwilioSignature.IsValid("https://example.com/path?test=param2", null, withPort, Tokens(secret)));
        Assert.False(TwilioSignature.IsValid("https://example.com:443/path?test=param2", null, withoutPort, Tokens(secret)));
    }
}
