namespace QdnConsole.Features.AuditTrail;

/// <summary>Registration and endpoints of the AuditTrail feature.</summary>
public static class AuditTrailRegistration
{
    public static WebApplicationBuilder AddAuditTrail(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAuditTrailEndpoints(this IEndpointRouteBuilder app) => app;
}
