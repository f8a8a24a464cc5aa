using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Tests.Features.Availability;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Reconciliation;

/// <summary>The background service runs reconciliation on its interval, without anyone asking.</summary>
public sealed class ReconciliationServiceTests : FakeTwilioAppTest<ClockedAppFactory>
{
    protected override void Configure(ClockedAppFactory app)
    {
        app.With("Qdn:Reconciliation:Interval", "00:00:00.100");
        base.Configure(app);
    }

    [Fact]
    public async Task Service_EveryInterval_LostStatusCorrectedAndBoardTold()
    {
        var sid = NewCallSid();
        await App.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        FakeTwilio.On("GET", $"{FakeTwilioApi.AccountPath}/Calls/{sid}.json", FakeReply.Json(TwilioFixtures.Call(sid, "completed", 30)));
        var told = new TaskCompletionSource<CallUpdated>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = App.Services.GetRequiredService<ConsoleFeed>().Subscribe(e =>
        {
            if (e is CallUpdated { Summary: var summary } update && summary.StartsWith("Reconciled with Twilio", StringComparison.Ordinal))
            {
                told.TrySetResult(update);
            }

            return Task.CompletedTask;
        });

        App.Clock.Advance(TimeSpan.FromMinutes(20));

        // Bounded wait for the service's own tick (every 100 ms here); nothing is timed.
        var update = await told.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(sid, update.CallSid);
        Assert.Equal(CallDisposition.Abandoned, (await App.CallAsync(sid)).Disposition);
    }
}
