using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioFilterHarness;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>The filter's decisions: pass, 400 without a header, 403 when forged or unconfigured.</summary>
public sealed class TwilioSignatureFilterTests
{
    [Fact]
    public async Task Invoke_ValidSignedFormPost_CallsNext()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = FormPost("https", "example.com", "/twilio/voice");
        Sign(context, Token, "https://example.com/twilio/voice", FormFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal("next", result);
        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_MissingHeader_Returns400Problem()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });

        var result = await harness.InvokeAsync(FormPost("https", "example.com", "/twilio/voice"));

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("Missing X-Twilio-Signature header", problem.ProblemDetails.Title);
        Assert.False(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_ForgedSignature_Returns403AndLogsPathOnly()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = FormPost("https", "example.com", "/twilio/voice");
        Sign(context, "attacker-token", "https://example.com/twilio/voice", FormFields);
        var forged = context.Request.Headers[TwilioSignatureFilter.SignatureHeader].ToString();

        var result = await harness.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.False(harness.NextCalled);
        var log = Assert.Single(harness.Logs);
        Assert.Contains("/twilio/voice", log, StringComparison.Ordinal);
        Assert.DoesNotContain(forged, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_TamperedFormField_Returns403()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token });
        var context = FormPost("https", "example.com", "/twilio/voice", FormBody.Replace("CA1", "CA2", StringComparison.Ordinal));
        Sign(context, Token, "https://example.com/twilio/voice", FormFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task Invoke_SignedWithSecondaryToken_CallsNext()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions { AuthToken = Token, AuthTokenSecondary = "next-token" });
        var context = FormPost("https", "example.com", "/twilio/voice");
        Sign(context, "next-token", "https://example.com/twilio/voice", FormFields);

        await harness.InvokeAsync(context);

        Assert.True(harness.NextCalled);
    }

    [Fact]
    public async Task Invoke_NoTokenConfigured_Returns403AndWarns()
    {
        var harness = new TwilioFilterHarness(new TwilioOptions());
        var context = FormPost("https", "example.com", "/twilio/voice");
        Sign(context, Token, "https://example.com/twilio/voice", FormFields);

        var result = await harness.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        var log = Assert.Single(harness.Logs);
        Assert.StartsWith("Warning", log, StringComparison.Ordinal);
        Assert.Contains("Twilio:AuthToken / TWILIO_AUTH_TOKEN is not set", log, StringComparison.Ordinal);
    }
}
