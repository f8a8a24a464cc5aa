using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Resilience;

/// <summary>The forms Twilio posts at each step of a call, for the resilience scenarios.</summary>
internal static class CallSteps
{
    public const string InboundCall = "/twilio/inbound-call";

    public static Dictionary<string, string> Inbound(string callSid) => TwilioWebhookClient.CallParameters(callSid);

    public static Dictionary<string, string> NoAnswer(string callSid) => VoiceTestHelpers.DialEnded(callSid, "no-answer", null, "ringing");

    public static Dictionary<string, string> Answered(string callSid) => VoiceTestHelpers.DialEnded(callSid, "completed", "true", duration: 30);

    /// <summary>What Twilio posts to the Record action once the caller left a message.</summary>
    public static Dictionary<string, string> Recording(string callSid)
    {
        var recordingSid = "RE" + Guid.NewGuid().ToString("N");
        return VoiceTestHelpers.With(TwilioWebhookClient.CallParameters(callSid, "in-progress"),
            ("RecordingUrl", $"https://api.twilio.com/2010-04-01/Accounts/{QdnAppFactory.AccountSid}/Recordings/{recordingSid}"),
            ("RecordingSid", recordingSid),
            ("RecordingDuration", "7"));
    }
}
