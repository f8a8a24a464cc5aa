using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Features.Operations;

/// <summary>Degraded (not down) without an auth token: the console works, but Twilio's requests are refused.</summary>
public sealed class TwilioCredentialsCheck(IOptionsMonitor<TwilioOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(string.IsNullOrEmpty(options.CurrentValue.AuthToken)
            ? HealthCheckResult.Degraded("No Twilio auth token (TWILIO_AUTH_TOKEN): webhook requests cannot be verified and are refused.")
            : HealthCheckResult.Healthy("Twilio auth token configured for signature checks."));
}
