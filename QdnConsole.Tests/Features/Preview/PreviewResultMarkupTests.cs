using AngleSharp.Dom;
using QdnConsole.Features.Preview;
using QdnConsole.Features.Routing;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Preview.PreviewLines;

namespace QdnConsole.Tests.Features.Preview;

/// <summary>The what-if answer as a reader sees it: who rings, who is skipped and why, maintenance, and the greeting.</summary>
public sealed class PreviewResultMarkupTests
{
    [Fact]
    public async Task Preview_SergioUnavailableUntilLater_SergioSkippedWithWhyAndBackupRings()
    {
        var line = Line(Sergio(available: false, until: Now.AddHours(2.5), by: "sergio@example.com", at: Now.AddMinutes(-28)));

        var doc = await RenderAsync(line, Now);

        var sergio = StepOf(doc, "Sergio");
        Assert.Contains("skipped", sergio.ClassList);
        Assert.Equal("Sergio unavailable (set by sergio@example.com 14:02, until 17:00)", sergio.QuerySelector(".reason")?.TextContent);
        var backup = StepOf(doc, "Backup");
        Assert.Contains("rings", backup.ClassList);
        Assert.Equal("Backup rings +18583354807 for 25 s", Text(backup));
        Assert.Equal(["Sergio", "Backup"], doc.QuerySelectorAll("ol.steps > li").Select(li => li.GetAttribute("data-person")));
    }

    [Fact]
    public async Task Preview_MomentAfterTheUntil_SergioIsBackAndRingsScreened()
    {
        var line = Line(Sergio(available: false, until: Now.AddHours(2.5), by: "sergio@example.com", at: Now.AddMinutes(-28)));

        var doc = await RenderAsync(line, Now.AddHours(3));

        var sergio = StepOf(doc, "Sergio");
        Assert.Contains("rings", sergio.ClassList);
        Assert.Equal("Sergio rings +18585550101 for 20 s, screened (must press 1)", Text(sergio));
    }

    [Fact]
    public async Task Preview_Greeting_IsExactlyWhatTheCascadeWouldPlay()
    {
        var line = Line(Sergio(available: false), Backup(available: false));

        var doc = await RenderAsync(line, Now);

        Assert.Equal(Greetings.For(QdnConsole.Data.VoicemailReason.Unavailable, line), doc.QuerySelector("[data-testid=greeting]")?.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("li.skipped").Length);
        Assert.Equal("The caller hears", doc.QuerySelector("[data-testid=greeting]")?.PreviousElementSibling?.TextContent);
    }

    [Fact]
    public async Task Preview_MaintenanceOnUntilLater_NobodyRingsAndMaintenanceGreeting()
    {
        var maintenance = new MaintenanceState(true, "We are moving the shop today.", Now.AddHours(1), "owner@example.com", Now.AddHours(-1));

        var doc = await RenderAsync(Line(maintenance: maintenance), Now);

        Assert.Equal(
            "Maintenance on On since 13:30 (set by owner@example.com) until 15:30: nobody is rung, callers go to voicemail",
            Text(doc.QuerySelector("[data-testid=maintenance]")!));
        Assert.Empty(doc.QuerySelectorAll("ol.steps > li"));
        Assert.Contains("We are moving the shop today.", doc.QuerySelector("[data-testid=greeting]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_MaintenanceUntilPassedByThatMoment_OffAndCascadeRings()
    {
        var maintenance = new MaintenanceState(true, null, Now.AddHours(1), "owner@example.com", Now.AddHours(-1));

        var doc = await RenderAsync(Line(maintenance: maintenance), Now.AddHours(2));

        Assert.StartsWith("Maintenance off Off since 15:30 (switched back automatically)", Text(doc.QuerySelector("[data-testid=maintenance]")!), StringComparison.Ordinal);
        Assert.Equal(2, doc.QuerySelectorAll("li.rings").Length);
        Assert.Equal("If nobody answers, the caller hears", doc.QuerySelector("[data-testid=greeting]")?.PreviousElementSibling?.TextContent);
    }

    [Fact]
    public async Task Preview_Heading_ShowsTheMomentInTheLinesZone()
    {
        var doc = await RenderAsync(Line(), Now);

        Assert.Equal("A call to Queen of San Diego on Sat 21 Nov 2026, 14:30 (America/Los_Angeles)", Text(doc.QuerySelector("#preview-heading")!));
        Assert.Equal("2026-11-21T22:30:00Z", doc.QuerySelector("#preview-heading time")?.GetAttribute("datetime"));
    }

    private static Task<IDocument> RenderAsync(CascadeLine line, DateTime momentUtc) =>
        ComponentMarkup.RenderAsync<PreviewResult>(new Dictionary<string, object?>
        {
            [nameof(PreviewResult.View)] = PreviewView.For(line, momentUtc),
        });

    private static IElement StepOf(IDocument doc, string person) =>
        Assert.Single(doc.QuerySelectorAll("ol.steps > li"), li => li.GetAttribute("data-person") == person);

    /// <summary>Text as read aloud: whitespace collapsed.</summary>
    private static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
