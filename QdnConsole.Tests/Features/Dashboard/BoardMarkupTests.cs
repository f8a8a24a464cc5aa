using AngleSharp.Dom;
using QdnConsole.Data;
using QdnConsole.Features.Dashboard;
using QdnConsole.Features.Routing;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Dashboard;

/// <summary>Markup of the board's parts as a browser and assistive technology see it.</summary>
public class BoardMarkupTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 22, 0, 0, DateTimeKind.Utc);

    private static TimelineRow Event(int sequence, int second, CallEventKind kind, string reason, string? person = null, string? outcome = null, int? duration = null) =>
        new(sequence, Start.AddSeconds(second), $"14:00:{second:00}", kind, person, outcome, reason, duration);

    private static CallRow Call(params TimelineRow[] timeline) => new(
        1, "CA1", "qdn", "Queen of San Diego", "+16195550199", Start, "14:00", CallDisposition.InProgress, null, null, null, false, timeline);

    [Fact]
    public async Task LiveCallCard_Ringing_ShowsWhoAndSecondsLeft()
    {
        var call = Call(
            Event(0, 0, CallEventKind.CallReceived, "Call from +16195550199 to Queen of San Diego"),
            Event(1, 0, CallEventKind.StepSkipped, "Sergio unavailable (set by sergio@example.com 13:58)", "Sergio"),
            Event(2, 0, CallEventKind.Ringing, "Ringing Backup for 20 s", "Backup", "direct", 20));

        var page = await ComponentMarkup.RenderAsync<LiveCallCard>(new Dictionary<string, object?> { ["Call"] = call, ["NowUtc"] = Start.AddSeconds(7) });

        var card = page.QuerySelector("article.live-call")!;
        Assert.Equal("Call from +16195550199", card.GetAttribute("aria-label"));
        Assert.Contains("ringing", card.ClassList);
        Assert.Equal("Ringing Backup · 7 s · 13 s left", Text(card.QuerySelector("[role=status]")));
        Assert.Equal(
            ["14:00:00 Call from +16195550199 to Queen of San Diego", "14:00:00 Sergio unavailable (set by sergio@example.com 13:58)", "14:00:00 Ringing Backup for 20 s"],
            card.QuerySelectorAll("ol.timeline li").Select(Text));
    }

    [Fact]
    public async Task LiveCallCard_ScreenedPhonePickedUp_SaysDeciding()
    {
        var call = Call(
            Event(0, 0, CallEventKind.Ringing, "Ringing Sergio for 20 s (screened)", "Sergio", "screened", 20),
            Event(1, 6, CallEventKind.LegAnswered, "Sergio's phone picked up", "Sergio"));

        var page = await ComponentMarkup.RenderAsync<LiveCallCard>(new Dictionary<string, object?> { ["Call"] = call, ["NowUtc"] = Start.AddSeconds(8) });

        Assert.Equal("Sergio picked up · Deciding whether to take the call", Text(page.QuerySelector("[role=status]")));
        Assert.DoesNotContain("ringing", page.QuerySelector("article")!.ClassList);
    }

    [Fact]
    public async Task LiveCallCard_DirectLegAnswered_TalkingWithClock()
    {
        var call = Call(
            Event(0, 0, CallEventKind.Ringing, "Ringing Backup for 20 s", "Backup", "direct", 20),
            Event(1, 4, CallEventKind.LegAnswered, "Backup's phone picked up", "Backup"));

        var page = await ComponentMarkup.RenderAsync<LiveCallCard>(new Dictionary<string, object?> { ["Call"] = call, ["NowUtc"] = Start.AddSeconds(4 + 75) });

        Assert.Equal("Talking to Backup · 1:15", Text(page.QuerySelector("[role=status]")));
    }

    [Fact]
    public async Task CallList_AnsweredCall_SummaryAndDetailLink()
    {
        var call = Call(Event(0, 0, CallEventKind.Answered, "Sergio answered, talked 3:12", "Sergio")) with
        {
            Disposition = CallDisposition.Answered,
            AnsweredBy = "Sergio",
            DurationSeconds = 192,
            Id = 42,
        };

        var page = await ComponentMarkup.RenderAsync<CallList>(new Dictionary<string, object?> { ["Calls"] = new[] { call } });

        Assert.Equal("answered by Sergio 3:12", Text(page.QuerySelector(".call .badge")));
        Assert.Equal("calls/42", page.QuerySelector(".call a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task LineCard_UnavailablePerson_ShowsWhyInsteadOfAvailable()
    {
        var line = new CascadeLine("qdn", "Queen of San Diego", "+18585550100", "America/Los_Angeles", MaintenanceState.Off,
        [
            new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, Available: false, AvailabilityChangedBy: "sergio@example.com", AvailabilityChangedAtUtc: Start),
            new CascadeStepState(1, 2, "Backup", "+18583354807", 20, false, Available: true),
        ], LineGreetings.Default);

        var page = await ComponentMarkup.RenderAsync<LineCard>(new Dictionary<string, object?> { ["Line"] = line, ["NowUtc"] = Start });

        var badges = page.QuerySelectorAll("ol.cascade .badge").Select(Text).ToList();
        Assert.Equal(["Sergio unavailable (set by sergio@example.com 14:00)", "available"], badges);
        Assert.Equal("Voicemail", Text(page.QuerySelectorAll("ol.cascade li")[^1].QuerySelector(".step-name")));
    }

    private static string Text(IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
