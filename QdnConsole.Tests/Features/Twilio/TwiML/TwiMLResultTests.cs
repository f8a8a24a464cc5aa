using System.Text;
using Microsoft.AspNetCore.Http;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

public sealed class TwiMLResultTests
{
    [Fact]
    public async Task ExecuteAsync_Response_WritesXmlBodyWithStatusAndContentType()
    {
        var response = new VoiceResponse().Say("Hello").Hangup();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new TwiMLResult(response).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", context.Response.ContentType);
        Assert.Equal(body.Length, context.Response.ContentLength);
        Assert.Equal(response.ToString(), Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public void Result_ExposesResponseStatusAndContentType()
    {
        var response = new VoiceResponse().Hangup();

        var result = new TwiMLResult(response);

        Assert.Same(response, result.Response);
        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", result.ContentType);
    }
}
