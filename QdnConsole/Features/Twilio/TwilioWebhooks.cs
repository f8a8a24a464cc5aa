namespace QdnConsole.Features.Twilio;

/// <summary>
/// Twilio's webhooks as a route group: every request must carry a valid Twilio signature
/// (<see cref="TwilioSignatureFilter"/>), which is how they authenticate. Twilio cannot sign in and sends no
/// antiforgery token, so the group is anonymous and without antiforgery: only together with the signature filter.
/// </summary>
public static class TwilioWebhooks
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGroup(prefix)
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .WithTags("Twilio");
    }
}
