using System.Text;
using QdnConsole.Data;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Features.Voice;

/// <summary>Turns routing decisions into TwiML. No decisions are made here.</summary>
public static class CascadeTwiML
{
    public const int VoicemailMaxSeconds = 180;
    public const int ScreenTimeoutSeconds = 6;

    public static VoiceResponse Render(RoutingDecision decision, string lineId, VoiceUrls urls, string? callSid) => decision.Kind switch
    {
        DecisionKind.Ring => Ring(decision.Step!, lineId, urls, callSid),
        DecisionKind.Voicemail => Voicemail(decision.Greeting!, lineId, decision.VoicemailReason ?? VoicemailReason.NoAnswer, urls),
        _ => new VoiceResponse().Hangup(),
    };

    /// <summary>
    /// One Dial, one Number; the caller hears ringing (answerOnBridge) until someone is connected. The leg's
    /// "answered" callback lets the live board show the moment a phone picks up.
    /// </summary>
    public static VoiceResponse Ring(CascadeStepState step, string lineId, VoiceUrls urls, string? callSid) =>
        new VoiceResponse().Dial(new Dial
        {
            Action = urls.DialResult(lineId, step.Position),
            Timeout = step.RingSeconds,
            AnswerOnBridge = true,
        }.Number(
            step.Number,
            url: step.Screen ? urls.Screen(lineId, step.Position, callSid) : null,
            statusCallback: urls.LegStatus(lineId, step.Position, callSid),
            statusCallbackEvent: "answered"));

    /// <summary>Greeting, beep, message. The verbs after Record run when Twilio skips the action for a silent recording.</summary>
    public static VoiceResponse Voicemail(string greeting, string lineId, VoicemailReason reason, VoiceUrls urls) =>
        new VoiceResponse()
            .Say(greeting)
            .Record(new Record
            {
                Action = urls.Voicemail(lineId, reason),
                MaxLength = VoicemailMaxSeconds,
                FinishOnKey = "#",
                PlayBeep = true,
            })
            .Say("We did not receive a message. Goodbye.")
            .Hangup();

    /// <summary>The whisper on the called phone: only a human pressing 1 connects, never a phone's own voicemail.</summary>
    public static VoiceResponse ScreenPrompt(string lineName, string? caller, string actionUrl) =>
        new VoiceResponse()
            .Gather(new Gather { Action = actionUrl, NumDigits = 1, Timeout = ScreenTimeoutSeconds }
                .Say($"Call for {lineName} from {SpokenNumber(caller)}. Press 1 to accept.", loop: 2))
            .Hangup();

    /// <summary>Pressing 1 ends the whisper's TwiML, which bridges the call; any other key declines it.</summary>
    public static VoiceResponse ScreenAnswer(bool accepted) =>
        accepted ? new VoiceResponse() : new VoiceResponse().Say("Call declined.").Hangup();

    public static VoiceResponse VoicemailThanks() =>
        new VoiceResponse().Say("Thank you. Your message has been recorded. Goodbye.").Hangup();

    public static VoiceResponse Empty() => new();

    /// <summary>"+18585550123" → "8 5 8, 5 5 5, 0 1 2 3", so text-to-speech reads digits, not a large number.</summary>
    public static string SpokenNumber(string? number)
    {
        var digits = new string((number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return "an unknown caller";
        }

        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        var groups = digits.Length == 10 ? new[] { digits[..3], digits[3..6], digits[6..] } : [digits];
        var spoken = new StringBuilder();
        foreach (var group in groups)
        {
            spoken.Append(spoken.Length == 0 ? string.Empty : ", ").AppendJoin(' ', group.ToCharArray());
        }

        return spoken.ToString();
    }
}
