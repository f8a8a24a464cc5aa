using QdnConsole.Features.Routing;
using QdnConsole.Features.Simulator;

namespace QdnConsole.Features.TestCalls;

/// <summary>What each dialed phone can do in a test call, as the page offers it.</summary>
public static class OutcomeChoices
{
    private static readonly DialChoice[] Anyone =
    [
        DialChoice.Answered,
        DialChoice.Busy,
        DialChoice.NoAnswer,
        DialChoice.Failed,
        DialChoice.Canceled,
        DialChoice.CallerHangsUp,
        DialChoice.VoicemailPicksUp,
    ];

    private static readonly DialChoice[] Screened = [.. Anyone, DialChoice.ScreenAccept, DialChoice.ScreenReject];

    /// <summary>Pressing 1 (or not) only means something where the person is asked to.</summary>
    public static IReadOnlyList<DialChoice> For(CascadeStepState step) => step.Screen ? Screened : Anyone;

    public static string Label(DialChoice choice) => choice switch
    {
        DialChoice.Answered => "Answered",
        DialChoice.Busy => "Busy",
        DialChoice.NoAnswer => "No answer",
        DialChoice.Failed => "Failed",
        DialChoice.Canceled => "Canceled",
        DialChoice.CallerHangsUp => "Caller hangs up",
        DialChoice.VoicemailPicksUp => "Phone's own voicemail picks up",
        DialChoice.ScreenAccept => "Presses 1",
        DialChoice.ScreenReject => "Presses another key",
        _ => choice.ToString(),
    };
}

/// <summary>The test call being set up on the page: line, caller, and what each step's phone does.</summary>
public sealed class TestCallPlan
{
    public const string DefaultCaller = "+16195550199";

    private readonly Dictionary<int, DialChoice> _outcomes = [];

    public string LineId { get; set; } = "";

    public string Caller { get; set; } = DefaultCaller;

    public bool LeaveMessage { get; set; } = true;

    /// <summary>The outcome picked for a step, by position; "no answer" until picked or when no longer offered.</summary>
    public DialChoice OutcomeFor(CascadeStepState step) =>
        _outcomes.TryGetValue(step.Position, out var choice) && OutcomeChoices.For(step).Contains(choice) ? choice : DialChoice.NoAnswer;

    public void Pick(CascadeStepState step, DialChoice choice) => _outcomes[step.Position] = choice;

    /// <summary>The simulator dials only the steps that ring, so it gets their outcomes, in dial order.</summary>
    public SimulationRequest ToRequest(CascadeLine line, string from, IEnumerable<PreviewStep> steps) =>
        new(line.Number, from, [.. steps.Where(s => s.Rung).Select(s => OutcomeFor(s.Step))], LeaveMessage: LeaveMessage);
}
