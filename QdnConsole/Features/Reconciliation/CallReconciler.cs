using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QdnConsole.Data;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Features.TwilioApi;
using QdnConsole.Features.Voice;

namespace QdnConsole.Features.Reconciliation;

/// <summary>What one run did.</summary>
public sealed record ReconciliationRun(bool Enabled, int Checked, int Corrected, int StillActive, int Failed)
{
    public static ReconciliationRun Disabled { get; } = new(false, 0, 0, 0, 0);
}

/// <summary>
/// Finds calls whose final status never arrived (Twilio's status callback lost: our outage, a network failure), asks the
/// Calls API how they ended, corrects status, duration, end time and disposition, and says so on the call's timeline.
/// Test calls are never touched. Bounded per run; a call Twilio still reports as active is left for the next run.
/// </summary>
public sealed partial class CallReconciler(
    IDbContextFactory<QdnDbContext> dbFactory,
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReconciliationOptions> options,
    TimeProvider clock,
    ConsoleFeed feed,
    ILogger<CallReconciler> logger)
{
    public async Task<ReconciliationRun> ReconcileAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<TwilioRestClient>();
        if (client.Credential is null)
        {
            return ReconciliationRun.Disabled;
        }

        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - settings.StaleAfter;
        var oldest = now - settings.MaxAge;
        List<(long Id, string Sid)> open;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var stale = db.Calls.AsNoTracking()
                .Where(c => !c.IsTest && (c.Disposition == CallDisposition.InProgress || c.EndedAtUtc == null)
                    && c.StartedAtUtc < staleBefore && c.StartedAtUtc > oldest);
            open = (await CallsAcrossLines.Of(stale, await CallsAcrossLines.LineIdsAsync(db, ct))
                    .OrderByDescending(c => c.StartedAtUtc)
                    .Take(settings.BatchSize)
                    .Select(c => new { c.Id, c.CallSid })
                    .ToListAsync(ct))
                .ConvertAll(c => (c.Id, c.CallSid));
        }

        int corrected = 0, active = 0, failed = 0;
        foreach (var (id, sid) in open)
        {
            try
            {
                var remote = await client.FetchCallAsync(sid, ct);
                if (!remote.IsFinal)
                {
                    active++;
                    continue;
                }

                if (await CorrectAsync(id, remote, ct))
                {
                    corrected++;
                }
            }
            catch (Exception ex) when (ex is TwilioApiException or HttpRequestException)
            {
                failed++;
                LogFetchFailed(logger, sid, ex.Message);
            }
        }

        return new ReconciliationRun(true, open.Count, corrected, active, failed);
    }

    /// <summary>Applies Twilio's final word unless the status callback arrived meanwhile; true when the call was changed.</summary>
    private async Task<bool> CorrectAsync(long id, TwilioCall remote, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null || (call.Disposition != CallDisposition.InProgress && call.EndedAtUtc is not null))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = call.Disposition;
        call.TwilioStatus = remote.Status;
        call.DurationSeconds = remote.DurationSeconds ?? call.DurationSeconds;
        call.EndedAtUtc ??= remote.EndedAtUtc ?? now;
        if (call.Disposition == CallDisposition.InProgress)
        {
            call.Disposition = CallRouter.FinalDisposition(call, remote.Status);
        }

        var reason = $"Reconciled with Twilio: {remote.Status}, {CallRouter.Duration(remote.DurationSeconds)} (status callback never arrived)"
            + (call.Disposition == before ? "" : $"; {Describe(before)} → {Describe(call.Disposition)}");
        var sequence = 1 + (await db.CallEvents.Where(e => e.CallId == id).MaxAsync(e => (int?)e.Sequence, ct) ?? -1);
        db.CallEvents.Add(new CallEvent
        {
            CallId = id,
            Sequence = sequence,
            AtUtc = now,
            Kind = CallEventKind.Reconciled,
            Outcome = remote.Status,
            Reason = reason,
            DurationSeconds = remote.DurationSeconds,
        });
        await db.SaveChangesAsync(ct);
        LogCorrected(logger, call.CallSid, remote.Status, before, call.Disposition);
        feed.Publish(new CallUpdated(now, call.Id, call.CallSid, call.LineId, reason));
        return true;
    }

    private static string Describe(CallDisposition disposition) => disposition switch
    {
        CallDisposition.InProgress => "in progress",
        _ => disposition.ToString().ToLowerInvariant(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} reconciled with Twilio: {Status}; {Before} → {After}")]
    private static partial void LogCorrected(ILogger logger, string callSid, string status, CallDisposition before, CallDisposition after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid} could not be reconciled with Twilio: {Problem}")]
    private static partial void LogFetchFailed(ILogger logger, string callSid, string problem);
}
