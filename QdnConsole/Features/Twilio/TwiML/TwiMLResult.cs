using System.Text;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// Minimal-API result that answers a Twilio webhook with TwiML. The response is kept
/// as an object so handlers can be unit-tested without rendering or a server.
/// </summary>
public sealed class TwiMLResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "application/xml; charset=utf-8";

    public TwiMLResult(VoiceResponse response)
    {
        Response = response ?? throw new ArgumentNullException(nameof(response));
        // Rendered exactly as the SDK's ToString(); Twilio accepts application/xml.
        Text = response.ToString();
    }

    /// <summary>An answer already rendered: a decision's TwiML, or the one stored for a repeated request.</summary>
    public TwiMLResult(string twiml) => Text = twiml ?? throw new ArgumentNullException(nameof(twiml));

    /// <summary>The response it was made from; null when made from rendered text.</summary>
    public VoiceResponse? Response { get; }

    public string Text { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType;

    /// <summary>The text encoded straight into the response's buffer, with a fixed content type: nothing parsed per answer.</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        response.ContentLength = Encoding.UTF8.GetByteCount(Text);
        Encoding.UTF8.GetBytes(Text, response.BodyWriter);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
