using QdnConsole.Data;

namespace QdnConsole.Features.Routing;

/// <summary>What a caller hears before the beep, chosen by why they reached voicemail.</summary>
public static class Greetings
{
    private const string LeaveMessage =
        "Please leave your name, number and a short message after the beep, and we will call you back.";

    public static string For(VoicemailReason reason, CascadeLine line)
    {
        var custom = reason switch
        {
            VoicemailReason.NoAnswer => line.Greetings.NoAnswer,
            VoicemailReason.Unavailable or VoicemailReason.NoCascade => line.Greetings.Unavailable,
            VoicemailReason.Maintenance => line.Greetings.Maintenance,
            _ => null,
        };
        var message = reason == VoicemailReason.Maintenance && !string.IsNullOrWhiteSpace(line.Maintenance.Message)
            ? " " + line.Maintenance.Message.Trim()
            : string.Empty;
        if (!string.IsNullOrWhiteSpace(custom))
        {
            return custom.Trim() + message;
        }

        var thanks = $"Thank you for calling {line.Name}.";
        return reason switch
        {
            VoicemailReason.NoAnswer => $"{thanks} Nobody could take your call right now. {LeaveMessage}",
            VoicemailReason.Unavailable or VoicemailReason.NoCascade =>
                $"{thanks} We are away from the phone right now. {LeaveMessage}",
            VoicemailReason.Maintenance => $"{thanks} Our phone line is under maintenance right now.{message} {LeaveMessage}",
            _ => $"{thanks} We could not connect your call. {LeaveMessage}",
        };
    }
}
