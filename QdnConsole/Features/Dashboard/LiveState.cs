using QdnConsole.Data;
using QdnConsole.Features.Voice;

namespace QdnConsole.Features.Dashboard;

/// <summary>What is happening on a live call right now, in words, from its timeline and the clock.</summary>
public sealed record LiveState(string Headline, string? Detail, bool Ringing)
{
    public static LiveState Of(CallRow call, DateTime nowUtc)
    {
        var timeline = call.Timeline;
        var last = timeline.LastOrDefault(e => e.Kind is not (CallEventKind.StepSkipped or CallEventKind.CallReceived or CallEventKind.SafePath));
        if (last is null)
        {
            return new("Arriving", null, false);
        }

        var since = nowUtc - last.AtUtc;
        var ringing = timeline.LastOrDefault(e => e.Kind == CallEventKind.Ringing);
        var screened = ringing?.Outcome == CallRouter.RingingOutcome.Screened;
        return last.Kind switch
        {
            CallEventKind.Ringing => new(
                $"Ringing {last.PersonName}",
                last.DurationSeconds is { } ring
                    ? $"{Seconds(since)} s · {Math.Max(0, ring - Seconds(since))} s left"
                    : $"{Seconds(since)} s",
                true),
            CallEventKind.LegAnswered when !screened => new($"Talking to {last.PersonName}", Clock(since), false),
            CallEventKind.LegAnswered or CallEventKind.ScreenPrompted => new($"{last.PersonName} picked up", "Deciding whether to take the call", false),
            CallEventKind.ScreenAccepted => new($"Talking to {last.PersonName}", Clock(since), false),
            CallEventKind.VoicemailGreeting => new("Voicemail", $"Greeting and recording · {Clock(since)}", false),
            _ => new(last.Reason ?? last.Kind.ToString(), null, false),
        };
    }

    public static string Clock(TimeSpan span) => $"{Seconds(span) / 60}:{Seconds(span) % 60:00}";

    private static int Seconds(TimeSpan span) => Math.Max(0, (int)span.TotalSeconds);
}
