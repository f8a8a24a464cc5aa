using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>Availability and maintenance as stored in the database decide the very next call.</summary>
public sealed class StateRoutingWebhookTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InboundCall_SergioUnavailable_RingsBackupAndRecordsTheSkip()
    {
        var twilio = _app.Twilio();
        await _app.SetAvailableAsync("Sergio", available: false);
        var sid = NewCallSid();

        var reply = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        Assert.Equal(Backup, reply.DialedNumber);
        var skip = Assert.Single((await _app.CallAsync(sid)).Events, e => e.Kind == CallEventKind.StepSkipped);
        Assert.Equal(("Sergio unavailable", 0), (skip.Reason, skip.StepPosition));
    }

    [Fact]
    public async Task InboundCall_EveryoneUnavailable_VoicemailWithAwayGreeting()
    {
        var twilio = _app.Twilio();
        await _app.SetAvailableAsync("Sergio", available: false);
        await _app.SetAvailableAsync("Backup", available: false);
        var sid = NewCallSid();

        var reply = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        Assert.Null(reply.Dial);
        Assert.Contains("We are away from the phone right now", reply.Greeting, StringComparison.Ordinal);
        Assert.Equal("/twilio/voicemail?line=qdn&reason=Unavailable", reply.RecordAction);
        Assert.Equal(VoicemailReason.Unavailable, (await _app.CallAsync(sid)).VoicemailReason);
    }

    [Fact]
    public async Task InboundCall_Maintenance_RingsNobodyAndSpeaksTheMessage()
    {
        var twilio = _app.Twilio();
        await _app.SetMaintenanceAsync(on: true, "We are moving the shop today.");
        var sid = NewCallSid();

        var reply = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        Assert.Null(reply.Dial);
        Assert.Contains("under maintenance", reply.Greeting, StringComparison.Ordinal);
        Assert.Contains("We are moving the shop today.", reply.Greeting, StringComparison.Ordinal);
        Assert.Equal("/twilio/voicemail?line=qdn&reason=Maintenance", reply.RecordAction);
    }

    [Fact]
    public async Task InboundCall_AvailabilityFlippedBack_NextCallRingsSergioAgain()
    {
        var twilio = _app.Twilio();
        await _app.SetAvailableAsync("Sergio", available: false);
        var before = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        await _app.SetAvailableAsync("Sergio", available: true);

        var after = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        Assert.Equal((Backup, Sergio), (before.DialedNumber, after.DialedNumber));
    }
}
