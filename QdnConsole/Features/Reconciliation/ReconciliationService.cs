using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Reconciliation;

/// <summary>Runs <see cref="CallReconciler"/> every Qdn:Reconciliation:Interval; idle while there are no REST credentials.</summary>
public sealed partial class ReconciliationService(
    CallReconciler reconciler,
    IOptions<ReconciliationOptions> options,
    TimeProvider clock,
    ILogger<ReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, clock);
        bool? enabled = null;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var run = await reconciler.ReconcileAsync(stoppingToken);
                if (run.Enabled != enabled)
                {
                    enabled = run.Enabled;
                    LogState(logger, run.Enabled ? $"on, every {interval}" : "off: no Twilio REST credentials");
                }

                if (run.Checked > 0)
                {
                    LogRun(logger, run.Checked, run.Corrected, run.StillActive, run.Failed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a database hiccup must not stop reconciliation for good.
                LogRunFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call reconciliation {State}")]
    private static partial void LogState(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Call reconciliation: {Checked} open calls checked, {Corrected} corrected, {StillActive} still active, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int @checked, int corrected, int stillActive, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call reconciliation run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
