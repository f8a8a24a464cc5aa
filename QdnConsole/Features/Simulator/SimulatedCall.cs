using System.Globalization;

namespace QdnConsole.Features.Simulator;

/// <summary>
/// One simulated call, played verb by verb like Twilio: the caller's documents here, the dialed phones in
/// SimulatedCall.Dial.cs, the wire in SimulatedCall.Http.cs. Used once.
/// </summary>
internal sealed partial class SimulatedCall(SimulatedCall.Wire wire, string accountSid, SimulationRequest request)
{
    private readonly string _callSid = TwilioSimulator.NewSid("CA");
    private readonly List<SimulationStep> _steps = [];
    private readonly List<string> _dialed = [];
    private int _choices;
    private int _digits;

    /// <summary>Simulated seconds since the call came in (reported as CallDuration).</summary>
    private int _elapsed;

    private string? _lastSay;
    private string? _failure;
    private string? _reached;
    private string? _greeting;
    private bool _messageLeft;
    private string? _callerLeftWhile;
    private string? _lost;
    private string? _rejected;

    public async Task<SimulationResult> PlayAsync(CancellationToken ct)
    {
        var document = await RequestAsync(
            wire.TwilioBase + TwilioSimulator.InboundPath, "POST", CallForm("ringing"),
            $"Incoming call from {request.From} to {request.To}", TwimlContext.Call, ct);
        while (document is not null)
        {
            document = await FollowAsync(document, ct);
        }

        // After a refused request the simulation stops there: the failure is the finding.
        var ended = CallForm(_rejected ?? "completed");
        ended["CallDuration"] = Number(_rejected is null ? _elapsed : 0);
        await RequestAsync(wire.TwilioBase + TwilioSimulator.StatusCallbackPath, "POST", ended, "The call ended: status callback", null, ct);

        return Result();
    }

    /// <summary>Runs a document's verbs in order; returns the next document when one of them leads to another, else null (the call ended).</summary>
    private async Task<Document?> FollowAsync(Document document, CancellationToken ct)
    {
        foreach (var verb in document.Verbs)
        {
            switch (verb.Name)
            {
                case "Say":
                    _lastSay = verb.Text;
                    _elapsed += SpokenSeconds(verb);
                    break;
                case "Play":
                    _elapsed += 5 * Loops(verb);
                    break;
                case "Pause":
                    _elapsed += Int(verb.Attr("length"), 1);
                    break;
                case "Hangup":
                    return null;
                case "Reject":
                    _rejected = verb.Attr("reason") == "busy" ? "busy" : "no-answer";
                    return null;
                case "Redirect":
                    return await RequestAsync(Resolve(document.Url, verb.Text), verb.Attr("method"), CallForm("in-progress"),
                        "Redirect", TwimlContext.Call, ct);
                case "Gather" when NextDigits() is { } digits:
                    return await GatherAsync(document, verb, digits, ct);
                case "Gather":
                    // No input: Twilio moves on to the next verb unless actionOnEmptyResult asks for the action anyway.
                    _elapsed += Int(verb.Attr("timeout"), 5);
                    if (verb.Attr("actionOnEmptyResult") == "true")
                    {
                        return await GatherAsync(document, verb, string.Empty, ct);
                    }

                    break;
                case "Record":
                    return await RecordAsync(document, verb, ct);
                case "Dial":
                    var next = await DialAsync(document, verb, ct);
                    if (next.Continue)
                    {
                        break;
                    }

                    return next.Document;
            }
        }

        return null;
    }

    private Task<Document?> GatherAsync(Document document, TwimlVerb gather, string digits, CancellationToken ct)
    {
        var form = CallForm("in-progress");
        form["Digits"] = digits;
        return RequestAsync(Resolve(document.Url, gather.Attr("action")), gather.Attr("method"), form,
            $"Gather: the caller pressed {(digits.Length == 0 ? "nothing" : digits)}", TwimlContext.Call, ct);
    }

    /// <summary>The greeting is the last thing said before the beep; the caller records, then presses # (or hangs up without a message).</summary>
    private async Task<Document?> RecordAsync(Document document, TwimlVerb record, CancellationToken ct)
    {
        _greeting = _lastSay ?? string.Empty;
        var action = Resolve(document.Url, record.Attr("action"));
        var finishKeys = record.Attr("finishOnKey") ?? "1234567890*#";
        if (!request.LeaveMessage)
        {
            var hangup = CallForm("completed");
            hangup["Digits"] = "hangup";
            await RequestAsync(action, record.Attr("method"), hangup, "Record: the caller hung up without leaving a message", TwimlContext.Call, ct);
            return null;
        }

        var seconds = Math.Min(request.RecordingSeconds, Int(record.Attr("maxLength"), 3600));
        var recordingSid = TwilioSimulator.NewSid("RE");
        var pressed = finishKeys.Contains('#', StringComparison.Ordinal) ? "#" : "hangup";
        var form = CallForm(pressed == "hangup" ? "completed" : "in-progress");
        form["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}";
        form["RecordingSid"] = recordingSid;
        form["RecordingDuration"] = Number(seconds);
        form["Digits"] = pressed;
        _elapsed += seconds;
        _messageLeft = true;
        var answer = await RequestAsync(action, record.Attr("method"), form, $"Record: a {seconds} s message, then {pressed}", TwimlContext.Call, ct);

        // After a hang-up Twilio still requests the action, but nobody is left to hear its answer.
        return pressed == "hangup" ? null : answer;
    }

    private DialChoice NextChoice() =>
        _choices < request.Choices.Count ? request.Choices[_choices++] : DialChoice.NoAnswer;

    private string? NextDigits() =>
        request.GatherDigits is { } digits && _digits < digits.Count ? digits[_digits++] : null;

    private SimulationResult Result()
    {
        var (end, summary) = _failure is not null ? (SimulationEnd.Failed, $"Failed: {_failure}.")
            : _lost is not null ? (SimulationEnd.Lost, $"Lost: {_lost}.")
            : _reached is not null ? (SimulationEnd.Person, $"A person answered at {_reached}.")
            : _callerLeftWhile is not null ? (SimulationEnd.CallerHungUp, $"The caller hung up while {_callerLeftWhile} was ringing.")
            : _greeting is not null ? (SimulationEnd.Voicemail, _messageLeft
                ? $"Voicemail: the caller heard '{_greeting}' and left a message."
                : $"Voicemail: the caller heard '{_greeting}' and hung up without a message.")
            : _rejected is not null ? (SimulationEnd.Lost, "Lost: the call was rejected.")
            : (SimulationEnd.Lost, "Lost: the call ended without reaching a person or a voicemail.");
        return new SimulationResult(_callSid, end, summary, end == SimulationEnd.Person ? _reached : null,
            end == SimulationEnd.Voicemail ? _greeting : null, _steps)
        {
            DialedNumbers = _dialed,
        };
    }

    /// <summary>About 2.5 words a second, at least one second, per loop.</summary>
    private static int SpokenSeconds(TwimlVerb say) =>
        Math.Max(1, (int)Math.Ceiling(say.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 2.5)) * Loops(say);

    private static int Loops(TwimlVerb verb) => Math.Clamp(Int(verb.Attr("loop"), 1), 1, 10);

    private static int Int(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : fallback;
}
