using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Reconciliation;

/// <summary>"Qdn:Reconciliation": how often and how far to look for calls whose final status never arrived.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Qdn:Reconciliation";

    /// <summary>Time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A call still open this long after it started is asked about (Twilio reports the end within seconds).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Older open calls are left alone: Twilio keeps call logs, but a stuck call must not be asked about forever.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>At most this many calls are fetched per run (newest first), so one run stays short and polite.</summary>
    public int BatchSize { get; set; } = 25;
}

internal sealed class ReconciliationOptionsValidator : IValidateOptions<ReconciliationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReconciliationOptions options)
    {
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add("Qdn:Reconciliation:Interval must be positive (e.g. 00:05:00).");
        }

        if (options.StaleAfter <= TimeSpan.Zero || options.MaxAge <= options.StaleAfter)
        {
            failures.Add("Qdn:Reconciliation:StaleAfter must be positive and shorter than Qdn:Reconciliation:MaxAge.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Qdn:Reconciliation:BatchSize must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
