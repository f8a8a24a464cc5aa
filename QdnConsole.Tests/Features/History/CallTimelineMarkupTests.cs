using QdnConsole.Data;
using QdnConsole.Features.History;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.History;

public sealed class CallTimelineMarkupTests
{
    [Fact]
    public async Task CallTimeline_Events_ListedInGivenOrderWithWordsWhoOutcomeAndReason()
    {
        TimelineEntry[] events =
        [
            new(0, "14:02:05", CallEventKind.CallReceived, null, null, null, "ringing", "Call from +16195550199 to Queen of San Diego", null),
            new(1, "14:02:05", CallEventKind.StepSkipped, 0, "Sergio", "+18585550101", null, "Sergio unavailable (set by owner@example.com 13:40)", null),
            new(2, "14:02:05", CallEventKind.Ringing, 1, "Backup", "+18583354807", null, "Ringing Backup for 20 s", null),
            new(3, "14:02:26", CallEventKind.DialEnded, 1, "Backup", "+18583354807", "busy", "Backup's phone was busy", 0),
            new(4, "14:02:26", CallEventKind.VoicemailGreeting, null, null, null, "NoAnswer", "Nobody answered: voicemail", null),
        ];

        var page = await ComponentMarkup.RenderAsync<DecisionTimeline>(new Dictionary<string, object?> { ["Events"] = events });

        var items = page.QuerySelectorAll("ol.call-timeline[aria-label=Timeline] > li");
        Assert.Equal(["0", "1", "2", "3", "4"], items.Select(i => i.GetAttribute("data-sequence")));
        Assert.Equal(
            ["Call received", "Skipped", "Ringing", "Ringing ended", "Sent to voicemail"],
            items.Select(i => i.QuerySelector(".what")?.TextContent));
        Assert.Equal(events.Select(e => e.Reason), items.Select(i => i.QuerySelector(".reason")?.TextContent));
        Assert.Equal(
            [null, "Step 1 · Sergio · +18585550101", "Step 2 · Backup · +18583354807", "Step 2 · Backup · +18583354807", null],
            items.Select(i => i.QuerySelector(".who")?.TextContent));
        Assert.Equal(["ringing", null, null, "busy", "NoAnswer"], items.Select(i => i.QuerySelector(".outcome")?.TextContent));
        Assert.All(items, i => Assert.Equal(events[int.Parse(i.GetAttribute("data-sequence")!)].At, i.QuerySelector(".at")?.TextContent));
        Assert.Equal("StepSkipped", items[1].GetAttribute("data-kind"));
    }

    [Fact]
    public async Task CallTimeline_EventWithoutReason_ShowsNoEmptyParagraph()
    {
        var page = await ComponentMarkup.RenderAsync<DecisionTimeline>(new Dictionary<string, object?>
        {
            ["Events"] = new[] { new TimelineEntry(0, "09:00:00", CallEventKind.Error, null, null, null, null, null, null) },
        });

        Assert.Equal("Error", page.QuerySelector(".what")?.TextContent);
        Assert.Null(page.QuerySelector(".reason"));
        Assert.Null(page.QuerySelector(".who"));
    }

    [Fact]
    public async Task CallTimeline_NoEvents_SaysNothingWasRecorded()
    {
        var page = await ComponentMarkup.RenderAsync<DecisionTimeline>(new Dictionary<string, object?> { ["Events"] = Array.Empty<TimelineEntry>() });

        Assert.Null(page.QuerySelector("ol"));
        Assert.Equal("No events were recorded for this call.", page.QuerySelector("#no-events")?.TextContent);
    }

    [Fact]
    public void KindWords_EveryKind_HasItsOwnWords()
    {
        var words = Enum.GetValues<CallEventKind>().Select(HistoryText.Kind).ToList();

        Assert.Equal(words.Count, words.Distinct().Count());
    }
}
