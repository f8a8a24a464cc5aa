namespace QdnConsole.Features.Availability;

/// <summary>Registration and endpoints of the Availability feature.</summary>
public static class AvailabilityRegistration
{
    public static WebApplicationBuilder AddAvailability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AvailabilityCommands>();
        return builder;
    }

    /// <summary>The page talks to <see cref="AvailabilityCommands"/> over its circuit: no HTTP endpoints.</summary>
    public static IEndpointRouteBuilder MapAvailabilityEndpoints(this IEndpointRouteBuilder app) => app;
}
