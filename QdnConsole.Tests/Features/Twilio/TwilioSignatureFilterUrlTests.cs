using System.Security.Cryptography;
using System.Text;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioFilterHarness;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>The filter signs the URL Twilio requested: proxies, query strings, raw targets, ports, JSON bodies.</summary>
public sealed class TwilioSignatureFilterUrlTests
{
    [Fact]
    public async Task Invoke_BehindProxyWithPublicBaseUrl_ValidatesPublicUrl()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token, PublicBaseUrl = "https://qdn.example.org" });
        var context = FormPost("http", "127.0.0.1:5000", "/twilio/voice");
        Sign(context, Token, "https://qdn.example.org/twilio/voice", FormFields);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_GetWithQueryString_SignsUrlIncludingQuery()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = Request("GET", "https", "example.com", "/twilio/status", "?CallSid=CA1&Note=a%20b");
        Sign(context, Token, "https://example.com/twilio/status?CallSid=CA1&Note=a%20b", null);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_PercentEncodedRawTarget_KeptByteExact()
    {
        const string raw = "/twilio/voice%2Dline?Body=It%27s+amazing";
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = Request("POST", "https", "example.com", "/twilio/voice-line", "?Body=It's+amazing", rawTarget: raw);
        Body(context, "application/x-www-form-urlencoded", FormBody);
        Sign(context, Token, "https://example.com" + raw, FormFields);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_HttpsHostWithPort443SignedWithoutPort_CallsNext()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = FormPost("https", "example.com:443", "/twilio/voice");
        Sign(context, Token, "https://example.com/twilio/voice", FormFields);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_JsonBodyWithBodyHash_CallsNextAndLeavesBodyReadable()
    {
        const string json = """{"property": "value", "boolean": true}""";
        const string query = "?bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = Request("POST", "https", "example.com", "/twilio/events", query);
        Body(context, "application/json", json);
        Sign(context, Token, "https://example.com/twilio/events" + query, null);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
        Assert.Equal(json, await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Invoke_JsonBodyStartingWithBom_HashesRawBytes()
    {
        const string json = "\uFEFF{}";
        var query = "?bodySHA256=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = Request("POST", "https", "example.com", "/twilio/events", query);
        Body(context, "application/json; charset=utf-8", json);
        Sign(context, Token, "https://example.com/twilio/events" + query, null);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }
}
