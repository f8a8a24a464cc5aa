using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioFilterHarness;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>The local signing token opens the webhooks to simulated test calls only, and only while Twilio's token is unset.</summary>
public sealed class LocalSigningTokenFilterTests
{
    private const string Url = "https://example.com/twilio/inbound-call";
    private const string TestCallBody = "CallSid=CA1&QdnTest=true";

    private static readonly Dictionary<string, StringValues> TestCallFields = new() { ["CallSid"] = "CA1", ["QdnTest"] = "true" };

    private readonly LocalSigningToken _local = new(directory: null);

    [Fact]
    public async Task Invoke_NoAuthTokenAndTestCallSignedWithLocalToken_CallsNext()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions(), _local);
        var context = FormPost("https", "example.com", "/twilio/inbound-call", TestCallBody);
        Sign(context, _local.Value, Url, TestCallFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal("next", result);
    }

    [Fact]
    public async Task Invoke_NoAuthTokenAndLocalTokenWithoutTestFlag_Returns403()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions(), _local);
        var context = FormPost("https", "example.com", "/twilio/inbound-call");
        Sign(context, _local.Value, Url, FormFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.False(harness.NextCalled);
    }

    [Theory]
    [InlineData(null, "guessed-token")]
    [InlineData(Token, "local")]
    public async Task Invoke_TestCallSignedWithATokenNotInForce_Returns403(string? authToken, string signedWith)
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = authToken }, _local);
        var context = FormPost("https", "example.com", "/twilio/inbound-call", TestCallBody);
        Sign(context, signedWith == "local" ? _local.Value : signedWith, Url, TestCallFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.False(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_AuthTokenConfiguredAndTestCallSignedWithIt_CallsNext()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token }, _local);
        var context = FormPost("https", "example.com", "/twilio/inbound-call", TestCallBody);
        Sign(context, Token, Url, TestCallFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal("next", result);
    }
}
