namespace QdnConsole.Features.Simulator;

/// <summary>
/// A &lt;Dial&gt;: the dialed phone does the next choice. A phone that picks up runs the &lt;Number url&gt; whisper (if
/// any), which bridges the call unless it reaches &lt;Hangup&gt;; then the Dial action gets what Twilio reports.
/// </summary>
internal sealed partial class SimulatedCall
{
    /// <summary>Ringing before a phone (or its voicemail) picks up, and a conversation's length.</summary>
    private const int PickUpSeconds = 6;
    private const int TalkSeconds = 45;

    private readonly record struct DialNext(bool Continue, Document? Document);

    private async Task<DialNext> DialAsync(Document document, TwimlVerb dial, CancellationToken ct)
    {
        var choice = NextChoice();
        var noun = dial.Children.Count > 0 ? dial.Children[0] : null;
        var dialed = noun is null ? dial.Text : noun.Children.FirstOrDefault(c => c.Name == "Identity")?.Text ?? noun.Text;
        var callerId = dial.Attr("callerId") ?? request.From;
        var timeout = Int(dial.Attr("timeout"), 30);
        var leg = TwilioSimulator.NewSid("CA");
        _dialed.Add(dialed);

        var pickedUp = choice is DialChoice.Answered or DialChoice.ScreenAccept or DialChoice.ScreenReject or DialChoice.VoicemailPicksUp;
        var events = noun?.Attr("statusCallbackEvent")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? ["completed"];
        var statusCallback = noun?.Attr("statusCallback") is { } callback ? Resolve(document.Url, callback) : null;
        bool bridged;
        int legSeconds;
        if (pickedUp)
        {
            _elapsed += PickUpSeconds;
            if (statusCallback is not null && events.Contains("answered")
                && await LegEventAsync(statusCallback, noun!, leg, callerId, dialed, "in-progress", null, $"{dialed} picked up: leg status callback", ct) is null)
            {
                return new(false, null);
            }

            var whisperStart = _elapsed;
            bool? whisper = noun?.Attr("url") is { } url
                ? await WhisperAsync(Resolve(document.Url, url), noun.Attr("method"), leg, callerId, dialed, choice, ct)
                : true;
            if (whisper is not { } connected)
            {
                return new(false, null);
            }

            bridged = connected;
            legSeconds = bridged ? TalkSeconds : _elapsed - whisperStart;
            _elapsed += bridged ? TalkSeconds : 0;
        }
        else
        {
            bridged = false;
            legSeconds = 0;
            _elapsed += choice switch
            {
                DialChoice.Busy => 3,
                DialChoice.Failed => 1,
                DialChoice.Canceled => 2,
                DialChoice.CallerHangsUp => Math.Min(timeout, 8),
                _ => timeout,
            };
        }

        var dialStatus = pickedUp ? "completed" : choice switch
        {
            DialChoice.Busy => "busy",
            DialChoice.Failed => "failed",
            DialChoice.Canceled => "canceled",
            _ => "no-answer",
        };
        if (bridged && choice == DialChoice.VoicemailPicksUp)
        {
            _lost ??= $"{dialed}'s own voicemail answered and the caller was connected to it (only a screened step stops that)";
        }
        else if (bridged)
        {
            _reached ??= dialed;
        }

        var callerGone = choice == DialChoice.CallerHangsUp;
        if (callerGone)
        {
            _callerLeftWhile ??= dialed;
        }

        if (statusCallback is not null && events.Contains("completed")
            && await LegEventAsync(statusCallback, noun!, leg, callerId, dialed, dialStatus, legSeconds, $"{dialed}'s leg ended: leg status callback", ct) is null)
        {
            return new(false, null);
        }

        if (dial.Attr("action") is null)
        {
            // Without an action Twilio goes on with the next verb, unless the caller has gone.
            return new(!callerGone, null);
        }

        var form = CallForm(callerGone ? "completed" : "in-progress");
        form["DialCallSid"] = leg;
        form["DialCallStatus"] = dialStatus;
        form["DialCallDuration"] = Number(legSeconds);
        form["DialBridged"] = bridged ? "true" : "false";
        var answer = await RequestAsync(Resolve(document.Url, dial.Attr("action")), dial.Attr("method"), form,
            $"Dial ended: {dialed} {Describe(choice)} ({dialStatus}, bridged {form["DialBridged"]})", TwimlContext.Call, ct);

        // The caller is gone: Twilio requests the action, but its answer plays to nobody.
        return new(false, callerGone ? null : answer);
    }

    /// <summary>Runs the whisper on the dialed phone: true when it ends without &lt;Hangup&gt; (bridged), null when refused.</summary>
    private async Task<bool?> WhisperAsync(string url, string? method, string leg, string callerId, string dialed, DialChoice choice, CancellationToken ct)
    {
        var document = await RequestAsync(url, method, LegForm(leg, callerId, dialed, "in-progress"),
            $"{dialed} picked up: whisper before connecting", TwimlContext.Whisper, ct);
        while (document is not null)
        {
            Document? next = null;
            foreach (var verb in document.Verbs)
            {
                if (verb.Name == "Hangup")
                {
                    return false;
                }

                if (verb.Name is "Say" or "Play")
                {
                    _elapsed += verb.Name == "Say" ? SpokenSeconds(verb) : 5;
                    continue;
                }

                // Gather: a person presses a key; a phone's voicemail presses nothing.
                var digits = choice switch
                {
                    DialChoice.Answered or DialChoice.ScreenAccept => "1",
                    DialChoice.ScreenReject => "2",
                    _ => null,
                };
                if (digits is null && verb.Attr("actionOnEmptyResult") != "true")
                {
                    _elapsed += Int(verb.Attr("timeout"), 5);
                    continue;
                }

                var form = LegForm(leg, callerId, dialed, "in-progress");
                form["Digits"] = digits ?? string.Empty;
                next = await RequestAsync(Resolve(document.Url, verb.Attr("action")), verb.Attr("method"), form,
                    $"Whisper: {dialed} pressed {digits ?? "nothing"}", TwimlContext.Whisper, ct);
                if (next is null)
                {
                    return null;
                }

                break;
            }

            if (next is null)
            {
                // The whisper's document ran out without <Hangup>: Twilio bridges the call.
                return true;
            }

            document = next;
        }

        return null;
    }

    private Task<Document?> LegEventAsync(
        string url, TwimlVerb noun, string leg, string callerId, string dialed, string status, int? seconds, string note, CancellationToken ct)
    {
        var form = LegForm(leg, callerId, dialed, status);
        form["CallbackSource"] = "call-progress-events";
        form["SequenceNumber"] = seconds is null ? "0" : "1";
        // RFC 2822 with a numeric zone, as Twilio writes dates.
        form["Timestamp"] = wire.Clock.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);
        if (seconds is { } duration)
        {
            form["CallDuration"] = Number(duration);
        }

        return RequestAsync(url, noun.Attr("statusCallbackMethod"), form, note, null, ct);
    }

    private static string Describe(DialChoice choice) => choice switch
    {
        DialChoice.Answered => "answered",
        DialChoice.Busy => "was busy",
        DialChoice.NoAnswer => "did not answer",
        DialChoice.Failed => "could not be reached",
        DialChoice.Canceled => "was canceled",
        DialChoice.CallerHangsUp => "was ringing when the caller hung up",
        DialChoice.VoicemailPicksUp => "went to its own voicemail",
        DialChoice.ScreenAccept => "picked up and pressed 1",
        _ => "picked up and declined",
    };
}
