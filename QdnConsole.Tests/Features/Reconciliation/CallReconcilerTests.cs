using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Reconciliation;
using QdnConsole.Tests.Features.Availability;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Reconciliation;

/// <summary>Calls whose status callback was lost are corrected from Twilio's Calls API (fake clock, fake Twilio).</summary>
public sealed class CallReconcilerTests : IAsyncLifetime, IDisposable
{
    private readonly ClockedAppFactory _app = new();
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilioApi.StartAsync();
        _app.UseFakeTwilio(_twilio);
    }

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Reconcile_StatusCallbackLost_CallCorrectedAndTimelineExplains()
    {
        var sid = NewCallSid();
        var started = _app.Clock.GetUtcNow();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        _twilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "completed", 125, started, started.AddSeconds(125))));
        _app.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal(new ReconciliationRun(true, 1, 1, 0, 0), run);
        Assert.Equal(FakeTwilioApi.ApiKey, Assert.Single(_twilio.Requests).User);
        var call = await _app.CallAsync(sid);
        Assert.Equal(("completed", 125, CallDisposition.Abandoned), (call.TwilioStatus, call.DurationSeconds, call.Disposition));
        Assert.Equal(started.AddSeconds(125).UtcDateTime, call.EndedAtUtc!.Value, TimeSpan.FromSeconds(1));
        var reconciled = call.Events.OrderBy(e => e.Sequence).Last();
        Assert.Equal(CallEventKind.Reconciled, reconciled.Kind);
        Assert.Equal("Reconciled with Twilio: completed, 2:05 (status callback never arrived); in progress → abandoned", reconciled.Reason);
        Assert.Equal(("completed", 125), (reconciled.Outcome, reconciled.DurationSeconds));
    }

    [Fact]
    public async Task Reconcile_AnsweredCallNeverClosed_EndedButStillAnswered()
    {
        var sid = NewCallSid();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await _app.DbAsync(db => db.Calls.Where(c => c.CallSid == sid).ExecuteUpdateAsync(s => s.SetProperty(c => c.Disposition, CallDisposition.Answered)));
        _twilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "completed", 61)));
        _app.Clock.Advance(TimeSpan.FromMinutes(30));

        await Reconciler().ReconcileAsync(default);

        var call = await _app.CallAsync(sid);
        Assert.Equal((CallDisposition.Answered, "completed", 61), (call.Disposition, call.TwilioStatus, call.DurationSeconds));
        Assert.NotNull(call.EndedAtUtc);
        Assert.Equal("Reconciled with Twilio: completed, 1:01 (status callback never arrived)", call.Events.OrderBy(e => e.Sequence).Last().Reason);
    }

    [Fact]
    public async Task Reconcile_TestCallAndRecentCallAndClosedCall_NotAskedAbout()
    {
        var test = NewCallSid();
        var closed = NewCallSid();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(test));
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(closed));
        await _app.Twilio().PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(closed, "completed").With(("CallDuration", "4")));
        await _app.DbAsync(db => db.Calls.Where(c => c.CallSid == test).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsTest, true)));
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid())); // just started

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal(0, run.Checked);
        Assert.Empty(_twilio.Requests);
        Assert.Equal(CallDisposition.InProgress, (await _app.CallAsync(test)).Disposition);
    }

    [Fact]
    public async Task Reconcile_TwilioSaysStillInProgress_LeftOpen()
    {
        var sid = NewCallSid();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        _twilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "in-progress")));
        _app.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal((1, 0, 1), (run.Checked, run.Corrected, run.StillActive));
        var call = await _app.CallAsync(sid);
        Assert.Equal(CallDisposition.InProgress, call.Disposition);
        Assert.Null(call.EndedAtUtc);
        Assert.DoesNotContain(call.Events, e => e.Kind == CallEventKind.Reconciled);
    }

    [Fact]
    public async Task Reconcile_TwilioErrorForOneCall_OthersStillCorrected()
    {
        var missing = NewCallSid();
        var known = NewCallSid();
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(missing));
        await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(known));
        _twilio.On("GET", CallPath(known), FakeReply.Json(TwilioFixtures.Call(known, "failed")));
        _app.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal((2, 1, 1), (run.Checked, run.Corrected, run.Failed));
        Assert.Equal(CallDisposition.Failed, (await _app.CallAsync(known)).Disposition);
        Assert.Equal(CallDisposition.InProgress, (await _app.CallAsync(missing)).Disposition);
        Assert.Contains(_app.Logs.Lines, l => l.Contains($"Call {missing} could not be reconciled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_NoRestCredentials_DisabledAndNothingAsked()
    {
        using var app = new ClockedAppFactory();
        app.WithoutRestCredentials().UseFakeTwilio(_twilio, withApiKey: false);
        await app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await app.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default);

        Assert.False(run.Enabled);
        Assert.Empty(_twilio.Requests);
    }

    private CallReconciler Reconciler() => _app.Services.GetRequiredService<CallReconciler>();

    private static string CallPath(string sid) => $"{FakeTwilioApi.AccountPath}/Calls/{sid}.json";
}
