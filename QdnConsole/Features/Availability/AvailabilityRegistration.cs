namespace QdnConsole.Features.Availability;

/// <summary>Registration and endpoints of the Availability feature.</summary>
public static class AvailabilityRegistration
{
    public static WebApplicationBuilder AddAvailability(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAvailabilityEndpoints(this IEndpointRouteBuilder app) => app;
}
