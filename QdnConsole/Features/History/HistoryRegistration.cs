namespace QdnConsole.Features.History;

/// <summary>Registration and endpoints of the History feature: /calls, /calls/{id} (Razor pages) and the CSV export.</summary>
public static class HistoryRegistration
{
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallHistory>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        // Call data never goes to an anonymous request (the fallback policy already says so; this keeps it true if that changes).
        app.MapGet(CallExport.Path, CallExport.ExportCsv).RequireAuthorization().WithName("ExportCalls");
        return app;
    }
}
