namespace QdnConsole.Features.Dashboard;

public static class DashboardRegistration
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DashboardQueries>();
        return builder;
    }
}
