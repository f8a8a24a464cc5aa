using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>The cascade through real HTTP, with requests signed like Twilio's.</summary>
public sealed class CascadeWebhookTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InboundCall_Signed_RingsSergioScreenedWithRingingForTheCaller()
    {
        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/xml", reply.MediaType);
        Assert.Equal(["Dial"], reply.Verbs);
        Assert.Equal(Sergio, reply.DialedNumber);
        Assert.Equal("20", reply.Dial!.Attribute("timeout")?.Value);
        Assert.Equal("true", reply.Dial.Attribute("answerOnBridge")?.Value);
        Assert.Equal("/twilio/dial-result?line=qdn&step=0", reply.DialAction);
        Assert.StartsWith("/twilio/screen?line=qdn&step=0&call=CA", reply.ScreenUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cascade_NobodyAnswers_SergioThenBackupThenVoicemailStored()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        Assert.Equal(Backup, second.DialedNumber);
        Assert.Null(second.ScreenUrl);

        var third = await twilio.PostAsync(second.DialAction!, DialEnded(sid, "busy", "false", "ringing"));
        Assert.Null(third.Dial);
        Assert.Equal(["Say", "Record", "Say", "Hangup"], third.Verbs);
        Assert.Contains("Nobody could take your call right now", third.Greeting, StringComparison.Ordinal);

        var recorded = await twilio.PostAsync(third.RecordAction!, TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE00000000000000000000000000000001"),
            ("RecordingSid", "RE00000000000000000000000000000001"),
            ("RecordingDuration", "42"),
            ("Digits", "hangup")));
        Assert.Equal(["Say", "Hangup"], recorded.Verbs);

        var call = await _app.CallAsync(sid);
        Assert.Equal(CallDisposition.Voicemail, call.Disposition);
        Assert.Equal(VoicemailReason.NoAnswer, call.VoicemailReason);
        Assert.Equal(
            [CallEventKind.CallReceived, CallEventKind.Ringing, CallEventKind.DialEnded, CallEventKind.Ringing,
             CallEventKind.DialEnded, CallEventKind.VoicemailGreeting, CallEventKind.VoicemailRecorded],
            call.Events.OrderBy(e => e.Sequence).Select(e => e.Kind));
        Assert.Contains(call.Events, e => e.Reason == "Sergio did not answer within 20 s");
        Assert.Contains(call.Events, e => e.Reason == "Backup's phone was busy");
        var voicemail = await _app.DbAsync(db => Task.FromResult(db.Voicemails.Single(v => v.CallId == call.Id)));
        Assert.Equal(("RE00000000000000000000000000000001", 42, VoicemailReason.NoAnswer), (voicemail.RecordingSid, voicemail.DurationSeconds, voicemail.Reason));
        Assert.EndsWith("/Recordings/RE00000000000000000000000000000001", voicemail.RecordingUrl, StringComparison.Ordinal);
        Assert.Contains("Nobody could take your call", voicemail.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_SergioPresses1_CallBridgedAndRecordedAsAnswered()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        // Twilio runs the screening URL on Sergio's leg (its own CallSid; ParentCallSid is the caller's).
        var child = TwilioWebhookClient.CallParameters(NewCallSid(), "in-progress").With(("ParentCallSid", sid), ("Direction", "outbound-dial"));
        var prompt = await twilio.PostAsync(first.ScreenUrl!, child);
        Assert.Equal(["Gather", "Hangup"], prompt.Verbs);
        var gather = prompt.Root.Element("Gather")!;
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Equal("Call for Queen of San Diego from 6 1 9, 5 5 5, 0 1 9 9. Press 1 to accept.", gather.Element("Say")?.Value);

        var accepted = await twilio.PostAsync(prompt.GatherAction!, child.With(("Digits", "1")));
        Assert.Empty(accepted.Verbs);

        var ended = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "completed", "true", "in-progress", duration: 192));
        Assert.Equal(["Hangup"], ended.Verbs);

        var call = await _app.CallAsync(sid);
        Assert.Equal((CallDisposition.Answered, "Sergio", 0), (call.Disposition, call.AnsweredByName, call.AnsweredStepPosition));
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.ScreenAccepted && e.Reason == "Sergio pressed 1 to accept");
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.Answered && e.Reason == "Sergio answered, talked 3:12");
    }

    [Fact]
    public async Task Screen_OtherKey_DeclinesTheLeg()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var child = TwilioWebhookClient.CallParameters(NewCallSid(), "in-progress").With(("ParentCallSid", sid));
        var prompt = await twilio.PostAsync(first.ScreenUrl!, child);

        var declined = await twilio.PostAsync(prompt.GatherAction!, child.With(("Digits", "2")));

        Assert.Equal(["Say", "Hangup"], declined.Verbs);
        Assert.Contains((await _app.CallAsync(sid)).Events, e => e.Kind == CallEventKind.ScreenDeclined);
    }

    [Fact]
    public async Task DialResult_CompletedButNotBridged_ContinuesToBackup()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        var next = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "completed", "false", "ringing"));

        Assert.Equal(Backup, next.DialedNumber);
        Assert.Contains((await _app.CallAsync(sid)).Events, e => e.Reason == "Screened: nobody at Sergio's phone pressed 1");
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("no-answer")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public async Task DialResult_NotAnswered_ContinuesToBackup(string dialCallStatus)
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        var next = await twilio.PostAsync(first.DialAction!, DialEnded(sid, dialCallStatus, null, "ringing"));

        Assert.Equal(Backup, next.DialedNumber);
        Assert.Equal("/twilio/dial-result?line=qdn&step=1", next.DialAction);
    }

    [Fact]
    public async Task DialResult_BridgedAnswerWithoutScreening_EndsCascade()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));

        var ended = await twilio.PostAsync(second.DialAction!, DialEnded(sid, "completed", null, "in-progress", duration: 61));

        Assert.Equal(["Hangup"], ended.Verbs);
        var call = await _app.CallAsync(sid);
        Assert.Equal((CallDisposition.Answered, "Backup"), (call.Disposition, call.AnsweredByName));
    }

    [Fact]
    public async Task CallerHangsUpMidCascade_RecordedAsAbandoned()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));

        var gone = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", callStatus: "completed"));
        var status = await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "9")));

        Assert.Equal(["Hangup"], gone.Verbs);
        Assert.Equal(200, status.Status);
        var call = await _app.CallAsync(sid);
        Assert.Equal((CallDisposition.Abandoned, "completed", 9), (call.Disposition, call.TwilioStatus, call.DurationSeconds));
        Assert.NotNull(call.EndedAtUtc);
        Assert.Contains(call.Events, e => e.Kind == CallEventKind.CallerHungUp && e.Reason == "Caller hung up while Sergio's phone was ringing");
    }

    [Fact]
    public async Task CallStatus_AfterAnswer_ClosesCallKeepingDisposition()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await twilio.PostAsync(first.DialAction!, DialEnded(sid, "completed", "true", "in-progress", duration: 100));

        await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "118")));

        var call = await _app.CallAsync(sid);
        Assert.Equal((CallDisposition.Answered, 118, "completed"), (call.Disposition, call.DurationSeconds, call.TwilioStatus));
        Assert.Equal(CallEventKind.CallEnded, call.Events.OrderBy(e => e.Sequence).Last().Kind);
    }

    [Fact]
    public async Task LegStatus_PhonePicksUp_RecordedLiveOnTheCallerCall()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var legStatus = first.Dial!.Element("Number")!.Attribute("statusCallback")!.Value;
        Assert.Equal("answered", first.Dial.Element("Number")!.Attribute("statusCallbackEvent")?.Value);

        var child = TwilioWebhookClient.CallParameters(NewCallSid(), "in-progress").With(("ParentCallSid", sid), ("CallbackSource", "call-progress-events"));
        var reply = await twilio.PostAsync(legStatus, child);
        await twilio.PostAsync(legStatus, child);

        Assert.Equal(200, reply.Status);
        var picked = Assert.Single((await _app.CallAsync(sid)).Events, e => e.Kind == CallEventKind.LegAnswered);
        Assert.Equal(("Sergio's phone picked up", 0), (picked.Reason, picked.StepPosition));
    }
}
