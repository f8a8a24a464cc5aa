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
public sealed class CallReconcilerTests : FakeTwilioAppTest<ClockedAppFactory>
{
    [Fact]
    public async Task Reconcile_StatusCallbackLost_CallCorrectedAndTimelineExplains()
    {
        var sid = NewCallSid();
        var started = App.Clock.GetUtcNow();
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        FakeTwilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "completed", 125, started, started.AddSeconds(125))));
        App.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal(new ReconciliationRun(true, 1, 1, 0, 0), run);
        Assert.Equal(FakeTwilioApi.ApiKey, Assert.Single(FakeTwilio.Requests).User);
        var call = await App.CallAsync(sid);
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
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await App.DbAsync(db => db.Calls.Where(c => c.CallSid == sid).ExecuteUpdateAsync(s => s.SetProperty(c => c.Disposition, CallDisposition.Answered)));
        FakeTwilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "completed", 61)));
        App.Clock.Advance(TimeSpan.FromMinutes(30));

        await Reconciler().ReconcileAsync(default);

        var call = await App.CallAsync(sid);
        Assert.Equal((CallDisposition.Answered, "completed", 61), (call.Disposition, call.TwilioStatus, call.DurationSeconds));
        Assert.NotNull(call.EndedAtUtc);
        Assert.Equal("Reconciled with Twilio: completed, 1:01 (status callback never arrived)", call.Events.OrderBy(e => e.Sequence).Last().Reason);
    }

    [Fact]
    public async Task Reconcile_TestCallAndRecentCallAndClosedCall_NotAskedAbout()
    {
        var test = NewCallSid();
        var closed = NewCallSid();
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(test));
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(closed));
        await App.Twilio().PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(closed, "completed").With(("CallDuration", "4")));
        await App.DbAsync(db => db.Calls.Where(c => c.CallSid == test).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsTest, true)));
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid())); // just started

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal(0, run.Checked);
        Assert.Empty(FakeTwilio.Requests);
        Assert.Equal(CallDisposition.InProgress, (await App.CallAsync(test)).Disposition);
    }

    [Fact]
    public async Task Reconcile_TwilioSaysStillInProgress_LeftOpen()
    {
        var sid = NewCallSid();
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        FakeTwilio.On("GET", CallPath(sid), FakeReply.Json(TwilioFixtures.Call(sid, "in-progress")));
        App.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal((1, 0, 1), (run.Checked, run.Corrected, run.StillActive));
        var call = await App.CallAsync(sid);
        Assert.Equal(CallDisposition.InProgress, call.Disposition);
        Assert.Null(call.EndedAtUtc);
        Assert.DoesNotContain(call.Events, e => e.Kind == CallEventKind.Reconciled);
    }

    [Fact]
    public async Task Reconcile_TwilioErrorForOneCall_OthersStillCorrected()
    {
        var missing = NewCallSid();
        var known = NewCallSid();
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(missing));
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(known));
        FakeTwilio.On("GET", CallPath(known), FakeReply.Json(TwilioFixtures.Call(known, "failed")));
        App.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await Reconciler().ReconcileAsync(default);

        Assert.Equal((2, 1, 1), (run.Checked, run.Corrected, run.Failed));
        Assert.Equal(CallDisposition.Failed, (await App.CallAsync(known)).Disposition);
        Assert.Equal(CallDisposition.InProgress, (await App.CallAsync(missing)).Disposition);
        Assert.Contains(App.Logs.Lines, l => l.Contains($"Call {missing} could not be reconciled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_NoRestCredentials_DisabledAndNothingAsked()
    {
        using var app = new ClockedAppFactory();
        app.WithoutRestCredentials().UseFakeTwilio(FakeTwilio, withApiKey: false);
        await app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var run = await app.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default);

        Assert.False(run.Enabled);
        Assert.Empty(FakeTwilio.Requests);
    }

    private CallReconciler Reconciler() => App.Services.GetRequiredService<CallReconciler>();

    private static string CallPath(string sid) => $"{FakeTwilioApi.AccountPath}/Calls/{sid}.json";
}
