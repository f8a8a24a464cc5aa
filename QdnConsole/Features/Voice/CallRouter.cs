using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Voice;

/// <summary>
/// Each webhook's use case: read the line, ask <see cref="CascadeDecider"/>, record what happened and why,
/// answer with TwiML. Failures are the caller's (VoiceEndpoints answers them with the safe path).
/// </summary>
public sealed partial class CallRouter(CallJournal journal, LineStore lines, ILogger<CallRouter> logger)
{
    public Task<string> InboundAsync(VoiceRequest request, string? lineId, VoiceUrls urls, CancellationToken ct)
    {
        CascadeLine? line = null;
        return journal.ReplyOnceAsync(request.CallSid!, "inbound",
            async now =>
            {
                line = await lines.FindAsync(lineId, request.To, ct) ?? throw new InvalidOperationException("No line is configured.");
                return NewCall(request, line.Id, now);
            },
            async entry =>
            {
                line ??= await lines.FindAsync(entry.Call!.LineId, null, ct) ?? throw new InvalidOperationException("The call's line is gone.");
                if (line.Number != request.To)
                {
                    LogUnknownNumber(logger, request.CallSid!, request.To, line.Id);
                }

                entry.Add(CallEventKind.CallReceived, $"Call from {request.Caller} to {line.Name}", outcome: request.CallStatus);
                var decision = CascadeDecider.Start(line, entry.NowUtc);
                return Apply(entry, line, decision, urls, request);
            }, ct, startsCall: true);
    }

    public Task<string> DialResultAsync(VoiceRequest request, string? lineId, int step, VoiceUrls urls, CancellationToken ct) =>
        journal.ReplyOnceAsync(request.CallSid!, $"dial:{step}",
            now => RecoveredAsync(request, lineId, now, ct),
            async entry =>
            {
                var line = await lines.FindAsync(entry.Call!.LineId, null, ct) ?? throw new InvalidOperationException("The call's line is gone.");
                var outcome = new DialOutcome(request.DialCallStatus, request.DialBridged, request.CallStatus, request.DialCallDuration);
                var decision = CascadeDecider.AfterDial(line, step, outcome, entry.NowUtc);
                return Apply(entry, line, decision, urls, request, step);
            }, ct);

    /// <summary>The whisper is played on the called phone; it is recorded on the caller's (parent) call.</summary>
    public Task<string> ScreenAsync(VoiceRequest request, CascadeLine line, int step, string parentCallSid, VoiceUrls urls, CancellationToken ct) =>
        journal.ReplyOnceAsync(parentCallSid, $"screen:{step}",
            _ => Task.FromResult<Call?>(null),
            entry =>
            {
                var person = line.StepAt(step);
                entry.Add(CallEventKind.ScreenPrompted, $"{person?.Name ?? "The phone"} picked up; asking to press 1", step, person?.Name, person?.Number);
                return Task.FromResult(CascadeTwiML.ScreenPrompt(line.Name, request.From, urls.ScreenResult(line.Id, step, parentCallSid)).ToString());
            }, ct);

    /// <summary>The dialed phone picked up (its leg's status callback): shown live before the Dial ends.</summary>
    public Task<string> LegAnsweredAsync(VoiceRequest request, CascadeLine line, int step, string parentCallSid, CancellationToken ct) =>
        journal.ReplyOnceAsync(parentCallSid, $"leg:{step}:{request.CallStatus}",
            _ => Task.FromResult<Call?>(null),
            entry =>
            {
                if (request.CallStatus == "in-progress")
                {
                    var person = line.StepAt(step);
                    entry.Add(CallEventKind.LegAnswered, $"{person?.Name ?? "The phone"}'s phone picked up", step, person?.Name, person?.Number, request.CallStatus);
                }

                return Task.FromResult(CascadeTwiML.Empty().ToString());
            }, ct);

    public Task<string> ScreenResultAsync(VoiceRequest request, CascadeLine line, int step, string parentCallSid, CancellationToken ct) =>
        journal.ReplyOnceAsync(parentCallSid, $"screen-result:{step}",
            _ => Task.FromResult<Call?>(null),
            entry =>
            {
                var person = line.StepAt(step);
                var name = person?.Name ?? "The callee";
                var accepted = request.Digits == "1";
                entry.Add(
                    accepted ? CallEventKind.ScreenAccepted : CallEventKind.ScreenDeclined,
                    accepted ? $"{name} pressed 1 to accept" : $"{name} pressed {request.Digits ?? "nothing"}: declined",
                    step, person?.Name, person?.Number, request.Digits);
                return Task.FromResult(CascadeTwiML.ScreenAnswer(accepted).ToString());
            }, ct);

    public Task<string> VoicemailAsync(VoiceRequest request, string? lineId, VoicemailReason reason, CancellationToken ct) =>
        journal.ReplyOnceAsync(request.CallSid!, "voicemail",
            now => RecoveredAsync(request, lineId, now, ct),
            async entry =>
            {
                var call = entry.Call!;
                var line = await lines.FindAsync(call.LineId, null, ct);
                if (request.RecordingSid is null && request.RecordingUrl is null)
                {
                    call.Disposition = Settle(call.Disposition, CallDisposition.Missed);
                    entry.Add(CallEventKind.CallEnded, "The caller left no message", outcome: request.Digits);
                    return CascadeTwiML.VoicemailThanks().ToString();
                }

                call.Disposition = CallDisposition.Voicemail;
                call.VoicemailReason = reason;
                entry.AddVoicemail(new Voicemail
                {
                    LineId = call.LineId,
                    From = call.From,
                    RecordingSid = request.RecordingSid,
                    RecordingUrl = request.RecordingUrl,
                    DurationSeconds = request.RecordingDuration,
                    Reason = reason,
                    Greeting = line is null ? reason.ToString() : Greetings.For(reason, line),
                    RecordedAtUtc = entry.NowUtc,
                });
                entry.Add(CallEventKind.VoicemailRecorded, $"Message recorded ({Duration(request.RecordingDuration)})",
                    outcome: "recorded", durationSeconds: request.RecordingDuration);
                return CascadeTwiML.VoicemailThanks().ToString();
            }, ct);

    /// <summary>Twilio's end-of-call callback closes the record: final status, duration, disposition.</summary>
    public Task<string> CallStatusAsync(VoiceRequest request, string? lineId, CancellationToken ct) =>
        journal.ReplyOnceAsync(request.CallSid!, "status",
            now => RecoveredAsync(request, lineId, now, ct),
            entry =>
            {
                var call = entry.Call!;
                var status = request.CallStatus ?? "unknown";
                call.TwilioStatus = status;
                call.EndedAtUtc ??= entry.NowUtc;
                call.DurationSeconds = request.CallDuration ?? call.DurationSeconds;
                if (call.Disposition == CallDisposition.InProgress)
                {
                    call.Disposition = FinalDisposition(call, status);
                    if (call.Disposition == CallDisposition.Abandoned)
                    {
                        entry.Add(CallEventKind.CallerHungUp, "Caller hung up before anyone answered", outcome: status);
                    }
                }

                entry.Add(CallEventKind.CallEnded, $"Call ended: {status}, {Duration(request.CallDuration)}", outcome: status, durationSeconds: request.CallDuration);
                return Task.FromResult(CascadeTwiML.Empty().ToString());
            }, ct);

    private string Apply(CallEntry entry, CascadeLine line, RoutingDecision decision, VoiceUrls urls, VoiceRequest request, int? dialedStep = null)
    {
        var call = entry.Call!;
        if (decision.PreviousDial is { } dial && dialedStep is { } position)
        {
            var dialed = line.StepAt(position);
            entry.Add(CallEventKind.DialEnded, dial.Reason, position, dialed?.Name, dialed?.Number, request.DialCallStatus, request.DialCallDuration);
        }

        foreach (var skipped in decision.Skipped)
        {
            entry.Add(CallEventKind.StepSkipped, skipped.Reason, skipped.Step.Position, skipped.Step.Name, skipped.Step.Number);
        }

        switch (decision.Kind)
        {
            case DecisionKind.Ring:
                var step = decision.Step!;
                entry.Add(CallEventKind.Ringing, step.Screen ? $"{decision.Explanation} (screened)" : decision.Explanation,
                    step.Position, step.Name, step.Number, step.Screen ? RingingOutcome.Screened : RingingOutcome.Direct, step.RingSeconds);
                break;
            case DecisionKind.Voicemail:
                call.VoicemailReason = decision.VoicemailReason;
                entry.Add(CallEventKind.VoicemailGreeting, decision.Explanation, outcome: decision.VoicemailReason?.ToString());
                break;
            case DecisionKind.Connected:
                var answered = decision.Step;
                call.Disposition = CallDisposition.Answered;
                call.AnsweredAtUtc = entry.NowUtc.AddSeconds(-(request.DialCallDuration ?? 0));
                call.AnsweredStepPosition = answered?.Position;
                call.AnsweredPersonId = answered?.PersonId is > 0 ? answered.PersonId : null;
                call.AnsweredByName = answered?.Name;
                entry.Add(CallEventKind.Answered, $"{answered?.Name ?? "Someone"} answered, talked {Duration(request.DialCallDuration)}",
                    answered?.Position, answered?.Name, answered?.Number, durationSeconds: request.DialCallDuration);
                break;
            case DecisionKind.CallerGone:
                call.Disposition = Settle(call.Disposition, CallDisposition.Abandoned);
                entry.Add(CallEventKind.CallerHungUp, decision.Explanation, outcome: request.CallStatus);
                break;
        }

        LogDecision(logger, call.CallSid, line.Id, decision.Kind, decision.Explanation);
        return CascadeTwiML.Render(decision, line.Id, urls, call.CallSid).ToString();
    }

    /// <summary>How a Ringing event's leg was dialed (its Outcome): the board tells "picked up" from "talking".</summary>
    public static class RingingOutcome
    {
        public const string Screened = "screened";
        public const string Direct = "direct";
    }

    /// <summary>Answered and voicemail are final; otherwise the later observation wins.</summary>
    private static CallDisposition Settle(CallDisposition current, CallDisposition next) =>
        current is CallDisposition.Answered or CallDisposition.Voicemail ? current : next;

    private static Call NewCall(VoiceRequest request, string lineId, DateTime nowUtc) => new()
    {
        CallSid = request.CallSid!,
        LineId = lineId,
        From = request.Caller,
        To = request.To ?? string.Empty,
        CallerName = request.CallerName,
        StartedAtUtc = nowUtc,
        TwilioStatus = request.CallStatus,
        IsTest = request.IsTest,
    };

    /// <summary>A later request for a call whose first request was answered by the safe path (store was down).</summary>
    private async Task<Call?> RecoveredAsync(VoiceRequest request, string? lineId, DateTime nowUtc, CancellationToken ct)
    {
        var line = await lines.FindAsync(lineId, request.To, ct) ?? throw new InvalidOperationException("No line is configured.");
        LogRecovered(logger, request.CallSid!);
        var call = NewCall(request, line.Id, nowUtc);
        call.Events.Add(new CallEvent
        {
            Sequence = -1,
            AtUtc = nowUtc,
            Kind = CallEventKind.SafePath,
            Reason = "The start of this call was answered by the safe path (store unavailable); recorded from here on",
        });
        return call;
    }

    /// <summary>
    /// What a call still in progress became when Twilio reports its final status: failed, or (nobody answered and no
    /// message was left) missed after the voicemail greeting, else abandoned. Also used by reconciliation.
    /// </summary>
    internal static CallDisposition FinalDisposition(Call call, string status) =>
        status == "failed" ? CallDisposition.Failed
        : call.VoicemailReason is not null ? CallDisposition.Missed
        : CallDisposition.Abandoned;

    internal static string Duration(int? seconds) =>
        seconds is { } s ? $"{s / 60}:{s % 60:00}" : "unknown duration";

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} on line {LineId}: {Decision} — {Explanation}")]
    private static partial void LogDecision(ILogger logger, string callSid, string lineId, DecisionKind decision, string explanation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: called number {To} matches no line; routed on line {LineId}")]
    private static partial void LogUnknownNumber(ILogger logger, string callSid, string? to, string lineId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid} was not stored when it started (safe path); recording it now")]
    private static partial void LogRecovered(ILogger logger, string callSid);
}
