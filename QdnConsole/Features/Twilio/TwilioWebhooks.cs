namespace QdnConsole.Features.Twilio;

/// <summary>
/// Twilio's webhooks as a route group: every request must carry a valid Twilio signature
/// (<see cref="TwilioSignatureFilter"/>), which is how they authenticate. They cannot sign in and send no antiforgery
/// token, so the console's sign-in, authorization and antiforgery steps are skipped for exactly these endpoints
/// (<see cref="Is"/>): the marker comes only with the signature filter.
/// </summary>
public sealed class TwilioWebhooks
{
    private static readonly TwilioWebhooks Marker = new();

    private TwilioWebhooks()
    {
    }

    public static RouteGroupBuilder Map(IEndpointRouteBuilder app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(prefix)
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .WithMetadata(Marker)
            .WithTags("Twilio");
        return group;
    }

    /// <summary>Whether the request was routed to a Twilio webhook (routing runs first, so the endpoint is known).</summary>
    public static bool Is(HttpContext context) => context?.GetEndpoint()?.Metadata.GetMetadata<TwilioWebhooks>() is not null;
}
