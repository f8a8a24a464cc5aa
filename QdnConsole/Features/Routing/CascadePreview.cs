using QdnConsole.Data;

namespace QdnConsole.Features.Routing;

/// <summary>One step of a preview, in cascade order: rung (with the ringing explanation), or skipped (with the reason).</summary>
public sealed record PreviewStep(CascadeStepState Step, bool Rung, string Reason);

/// <summary>
/// What a call at a given moment would do if nobody picked up: who is rung in order, who is skipped and why, and the
/// voicemail greeting at the end. Asks <see cref="CascadeDecider"/> exactly as the webhooks do, so it cannot disagree.
/// </summary>
public sealed record CascadePreview(IReadOnlyList<PreviewStep> Steps, VoicemailReason VoicemailReason, string Greeting)
{
    private static readonly DialOutcome NoAnswer = new("no-answer", "false", "in-progress");

    public IEnumerable<CascadeStepState> Rung => Steps.Where(s => s.Rung).Select(s => s.Step);

    public IEnumerable<PreviewStep> Skipped => Steps.Where(s => !s.Rung);

    public static CascadePreview Walk(CascadeLine line, DateTime momentUtc)
    {
        ArgumentNullException.ThrowIfNull(line);
        var steps = new List<PreviewStep>();
        var decision = CascadeDecider.Start(line, momentUtc);

        // Each AfterDial moves past the step just rung, so this ends within one pass over the steps.
        while (true)
        {
            steps.AddRange(decision.Skipped.Select(s => new PreviewStep(s.Step, false, s.Reason)));
            if (decision.Kind != DecisionKind.Ring)
            {
                break;
            }

            var rung = decision.Step!;
            steps.Add(new PreviewStep(rung, true, rung.Screen ? $"{decision.Explanation} (screened)" : decision.Explanation));
            decision = CascadeDecider.AfterDial(line, rung.Position, NoAnswer, momentUtc);
        }

        // A line with no one to ring still ends in voicemail; Start/AfterDial only ever ring or send there.
        return new CascadePreview(steps, decision.VoicemailReason ?? VoicemailReason.NoAnswer, decision.Greeting ?? Greetings.For(VoicemailReason.NoAnswer, line));
    }
}
