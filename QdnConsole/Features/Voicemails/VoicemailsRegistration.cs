namespace QdnConsole.Features.Voicemails;

/// <summary>Registration and endpoints of the Voicemails feature.</summary>
public static class VoicemailsRegistration
{
    public static WebApplicationBuilder AddVoicemails(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapVoicemailsEndpoints(this IEndpointRouteBuilder app) => app;
}
