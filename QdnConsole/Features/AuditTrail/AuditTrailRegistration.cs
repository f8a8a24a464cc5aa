namespace QdnConsole.Features.AuditTrail;

/// <summary>Registration of the AuditTrail feature (a page; no endpoints of its own).</summary>
public static class AuditTrailRegistration
{
    public static WebApplicationBuilder AddAuditTrail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrailQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuditTrailEndpoints(this IEndpointRouteBuilder app) => app;
}
