using System.Text;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// Minimal-API result that answers a Twilio webhook with TwiML. The response is kept
/// as an object so handlers can be unit-tested without rendering or a server.
/// </summary>
public sealed class TwiMLResult(VoiceResponse response) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "application/xml; charset=utf-8";

    public VoiceResponse Response { get; } = response ?? throw new ArgumentNullException(nameof(response));

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // Rendered exactly as the SDK's ToString(); Twilio accepts application/xml.
        var body = Encoding.UTF8.GetBytes(Response.ToString());
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = MediaType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
