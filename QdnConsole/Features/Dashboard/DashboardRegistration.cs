using Microsoft.AspNetCore.Components.Server.Circuits;

namespace QdnConsole.Features.Dashboard;

public static class DashboardRegistration
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DashboardQueries>();
        builder.Services.AddScoped<CircuitState>();
        builder.Services.AddScoped<CircuitHandler, ReconnectCircuitHandler>();
        return builder;
    }
}
