using AngleSharp.Dom;
using QdnConsole.Features.Preview;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Preview.PreviewLines;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>The outcome pickers as assistive technology sees them: one named select per step of the cascade.</summary>
public sealed class OutcomePickersMarkupTests
{
    private static readonly string[] AnyPhone =
        ["Answered", "Busy", "No answer", "Failed", "Canceled", "Caller hangs up", "Phone's own voicemail picks up"];

    [Fact]
    public async Task Pickers_DefaultLine_OneSelectPerStepNamedByPersonInCascadeOrder()
    {
        var doc = await RenderAsync(Line(), new TestCallPlan());

        var selects = doc.QuerySelectorAll("select");
        Assert.Equal(["Sergio", "Backup"], selects.Select(s => LabelOf(doc, s)));
        Assert.All(selects, s => Assert.False(s.HasAttribute("disabled")));
        Assert.All(selects, s => Assert.Equal("No answer", s.QuerySelector("option[selected]")?.TextContent));
    }

    [Fact]
    public async Task Pickers_ScreenedStep_OffersPressingOneAndAnotherKeyOnlyThere()
    {
        var doc = await RenderAsync(Line(), new TestCallPlan());

        Assert.Equal([.. AnyPhone, "Presses 1", "Presses another key"], Options(doc, "Sergio"));
        Assert.Equal(AnyPhone, Options(doc, "Backup"));
        Assert.Contains("screened", Description(doc, "Sergio"), StringComparison.Ordinal);
        Assert.NotNull(SelectNamed(doc, "Sergio").ParentElement?.QuerySelector(".badge"));
        Assert.Null(SelectNamed(doc, "Backup").ParentElement?.QuerySelector(".badge"));
    }

    [Fact]
    public async Task Pickers_PickedOutcomes_ShownSelected()
    {
        var plan = new TestCallPlan();
        plan.Pick(Sergio(), DialChoice.ScreenReject);
        plan.Pick(Backup(), DialChoice.Busy);

        var doc = await RenderAsync(Line(), plan);

        Assert.Equal("Presses another key", SelectNamed(doc, "Sergio").QuerySelector("option[selected]")?.TextContent);
        Assert.Equal("Busy", SelectNamed(doc, "Backup").QuerySelector("option[selected]")?.TextContent);
    }

    [Fact]
    public async Task Pickers_StepSkippedRightNow_DisabledAndSaysWhy()
    {
        var doc = await RenderAsync(Line(Sergio(available: false, by: "sergio@example.com", at: Now.AddMinutes(-28))), new TestCallPlan());

        Assert.True(SelectNamed(doc, "Sergio").HasAttribute("disabled"));
        Assert.EndsWith("Skipped right now: Sergio unavailable (set by sergio@example.com 14:02)", Description(doc, "Sergio"), StringComparison.Ordinal);
        Assert.False(SelectNamed(doc, "Backup").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Pickers_WhileRunning_AllDisabled()
    {
        var doc = await RenderAsync(Line(), new TestCallPlan(), disabled: true);

        Assert.All(doc.QuerySelectorAll("select"), s => Assert.True(s.HasAttribute("disabled")));
    }

    private static Task<IDocument> RenderAsync(CascadeLine line, TestCallPlan plan, bool disabled = false) =>
        ComponentMarkup.RenderAsync<OutcomePickers>(new Dictionary<string, object?>
        {
            [nameof(OutcomePickers.Steps)] = PreviewView.For(line, Now).Steps,
            [nameof(OutcomePickers.Plan)] = plan,
            [nameof(OutcomePickers.Disabled)] = disabled,
        });

    private static string? LabelOf(IDocument doc, IElement select) =>
        doc.QuerySelector($"label[for='{select.Id}']")?.TextContent.Trim();

    private static IElement SelectNamed(IDocument doc, string name) =>
        Assert.Single(doc.QuerySelectorAll("select"), s => LabelOf(doc, s) == name);

    private static IEnumerable<string> Options(IDocument doc, string name) =>
        SelectNamed(doc, name).QuerySelectorAll("option").Select(o => o.TextContent);

    private static string Description(IDocument doc, string name) =>
        string.Join(' ', (doc.GetElementById(SelectNamed(doc, name).GetAttribute("aria-describedby")!)?.TextContent ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
