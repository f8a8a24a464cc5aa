using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Twilio;

/// <summary>
/// Endpoint filter for the /twilio route group: only requests signed by Twilio with one of
/// our Auth Tokens reach the handlers. With no Auth Token configured, a simulated test call
/// (form field QdnTest=true) signed with the <see cref="LocalSigningToken"/> is let through too.
/// </summary>
public sealed partial class TwilioSignatureFilter(
    IOptionsMonitor<TwilioOptions> options, LocalSigningToken localToken, ILogger<TwilioSignatureFilter> logger)
    : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var request = context.HttpContext.Request;
        var path = request.Path.Value ?? string.Empty;
        string? signature = request.Headers[SignatureHeader];
        if (string.IsNullOrEmpty(signature))
        {
            LogMissingSignature(logger, path);
            return TypedResults.Problem(title: $"Missing {SignatureHeader} header", statusCode: StatusCodes.Status400BadRequest);
        }

        var settings = options.CurrentValue;
        try
        {
            var tokens = settings.SignatureTokens.All(string.IsNullOrEmpty) ? await TestCallTokensAsync(request) : settings.SignatureTokens;
            if (tokens is null)
            {
                LogNoToken(logger, path);
                return Forbidden();
            }

            if (!await IsValidAsync(request, settings.PublicBaseUrl, signature, tokens))
            {
                LogInvalidSignature(logger, path);
                return Forbidden();
            }
        }
        catch (InvalidDataException ex)
        {
            // A body the framework refuses to parse (a NUL in a value, say) cannot be checked, so it is not trusted.
            LogMalformedBody(logger, path, ex.Message);
            return TypedResults.Problem(title: "Malformed request body", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }

    /// <summary>
    /// The URL Twilio requested (and signed): the configured public base URL or this request's
    /// scheme and host, followed by the request target exactly as it arrived on the wire.
    /// </summary>
    public static string RequestUrl(HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);

        // RawTarget keeps the percent-encoding Twilio used; Path is decoded and re-escaped
        // by ASP.NET Core, which would change the signed string. Absolute-form or "*"
        // targets fall back to the parsed parts.
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = rawTarget is not null && rawTarget.StartsWith('/')
            ? rawTarget
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();

        return string.IsNullOrEmpty(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{target}"
            : publicBaseUrl.TrimEnd('/') + target;
    }

    /// <summary>Without Twilio's token only a test call may pass, and only when signed with the local token.</summary>
    private async Task<IReadOnlyList<string?>?> TestCallTokensAsync(HttpRequest request) =>
        request.HasFormContentType
        && (await request.ReadFormAsync(request.HttpContext.RequestAborted))[LocalSigningToken.TestCallField] == "true"
            ? [localToken.Value]
            : null;

    private static async Task<bool> IsValidAsync(
        HttpRequest request, string? publicBaseUrl, string signature, IReadOnlyList<string?> tokens)
    {
        var url = RequestUrl(request, publicBaseUrl);
        if (request.HasFormContentType)
        {
            // Sign every field received: Twilio adds parameters without notice.
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return TwilioSignature.IsValid(url, form, signature, tokens);
        }

        if (request.HasJsonContentType())
        {
            // Buffered so the handler can still read the body after us. No BOM detection:
            // Twilio hashed the raw bytes, so a BOM must stay part of the text we hash.
            request.EnableBuffering();
            using var reader = new StreamReader(
                request.Body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            return TwilioSignature.IsValidBody(url, body, signature, tokens);
        }

        // GET webhooks carry their parameters in the query string, which is part of the URL.
        return TwilioSignature.IsValid(url, null, signature, tokens);
    }

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(title: "Twilio request validation failed", statusCode: StatusCodes.Status403Forbidden);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Refused Twilio webhook {Path}: missing X-Twilio-Signature header")]
    private static partial void LogMissingSignature(ILogger logger, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Refused Twilio webhook {Path}: invalid signature (check Qdn:PublicBaseUrl / forwarded headers and the Auth Token)")]
    private static partial void LogInvalidSignature(ILogger logger, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Refused Twilio webhook {Path}: the body could not be parsed ({Detail})")]
    private static partial void LogMalformedBody(ILogger logger, string path, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Refused Twilio webhook {Path}: Twilio:AuthToken / TWILIO_AUTH_TOKEN is not set, so no signature can be checked")]
    private static partial void LogNoToken(ILogger logger, string path);
}
