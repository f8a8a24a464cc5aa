namespace QdnConsole.Features.History;

/// <summary>Registration and endpoints of the History feature.</summary>
public static class HistoryRegistration
{
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app) => app;
}
