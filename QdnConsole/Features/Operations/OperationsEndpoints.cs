using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QdnConsole.Data;

namespace QdnConsole.Features.Operations;

/// <summary>Liveness, readiness (with the database) and proxy awareness.</summary>
public static class OperationsEndpoints
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // No "Server: Kestrel" on every answer: it tells a scanner what runs here and costs every webhook its bytes.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHealthChecks()
            // A query, not just a connection: SQLite opens any file and fails only when it is read.
            .AddDbContextCheck<QdnDbContext>("database", tags: [Ready], customTestQuery: async (db, ct) =>
            {
                await db.Lines.CountAsync(ct);
                return true;
            })
            .AddCheck<TwilioCredentialsCheck>("twilio", tags: [Ready]);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Behind a TLS-terminating proxy, Twilio signed https://public-host/...; the forwarded headers restore it.
            // Only loopback proxies are trusted by default; add KnownProxies/KnownNetworks for others.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }
}
