using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voicemails;

/// <summary>A caller nobody answers leaves a message: the whole cascade through signed webhooks, as Twilio drives it.</summary>
internal static class VoicemailScenario
{
    public const string NoAnswerGreeting = "Nobody could take your call right now";

    public static async Task<Voicemail> LeaveVoicemailAsync(this QdnAppFactory app, int seconds = 42) =>
        await app.LeaveVoicemailAsync(app.Twilio(), seconds);

    public static async Task<Voicemail> LeaveVoicemailAsync(this QdnAppFactory app, TwilioWebhookClient twilio, int seconds = 42)
    {
        var sid = NewCallSid();
        var recordingSid = "RE" + Guid.NewGuid().ToString("N");
        var sergio = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var backup = await twilio.PostAsync(sergio.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        var greeting = await twilio.PostAsync(backup.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        await twilio.PostAsync(greeting.RecordAction!, TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{QdnAppFactory.AccountSid}/Recordings/{recordingSid}"),
            ("RecordingSid", recordingSid),
            ("RecordingDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Digits", "hangup")));
        await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "75")));
        return await app.DbAsync(db => db.Voicemails.AsNoTracking().SingleAsync(v => v.RecordingSid == recordingSid));
    }
}
