using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using QdnConsole.Features.LineEditor;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.LineEditor;

/// <summary>One cascade step in the editor, as assistive technology sees it.</summary>
public sealed class StepEditorRowMarkupTests
{
    [Fact]
    public async Task StepRow_EveryField_HasItsLabel()
    {
        var row = await RenderAsync(new StepForm { PersonName = "Sergio", Number = "+18585550101", RingSeconds = 20, Screen = true }, index: 0, count: 2);

        Assert.Equal("Person", Label(row, "step-0-person"));
        Assert.Equal("Sergio", row.GetElementById("step-0-person")?.GetAttribute("value"));
        Assert.Equal("Phone number", Label(row, "step-0-number"));
        Assert.Equal("tel", row.GetElementById("step-0-number")?.GetAttribute("type"));
        Assert.Equal("Ring seconds", Label(row, "step-0-ring"));
        Assert.Equal(("5", "600"), (row.GetElementById("step-0-ring")?.GetAttribute("min"), row.GetElementById("step-0-ring")?.GetAttribute("max")));
        Assert.Equal("Screening", Label(row, "step-0-screen"));
        Assert.NotNull(row.QuerySelector("#step-0-screen[checked]"));
        var hint = row.GetElementById(row.GetElementById("step-0-number")!.GetAttribute("aria-describedby")!);
        Assert.Contains("(858) 335-4807", hint?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepRow_MiddleStep_MoveAndRemoveButtonsNameThePerson()
    {
        var row = await RenderAsync(new StepForm { PersonName = "Backup", Number = "+18583354807" }, index: 1, count: 3);

        Assert.Equal(
            [("Move Backup (step 2) up", false), ("Move Backup (step 2) down", false), ("Remove Backup (step 2)", false)],
            Buttons(row));
        Assert.Equal("2. Backup", row.QuerySelector("h3")?.TextContent);
        Assert.Equal(row.QuerySelector("h3")?.Id, row.QuerySelector("li.step")?.GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task StepRow_FirstAndLast_CannotMovePastTheEnds()
    {
        var first = await RenderAsync(new StepForm { PersonName = "Sergio", Number = "+18585550101" }, index: 0, count: 2);
        var last = await RenderAsync(new StepForm { PersonName = "Backup", Number = "+18583354807" }, index: 1, count: 2);

        Assert.True(Buttons(first)[0].Disabled);
        Assert.False(Buttons(first)[1].Disabled);
        Assert.False(Buttons(last)[0].Disabled);
        Assert.True(Buttons(last)[1].Disabled);
    }

    [Fact]
    public async Task StepRow_NewUnnamedStep_ButtonsNameThePosition()
    {
        var row = await RenderAsync(new StepForm(), index: 2, count: 3);

        Assert.Equal("Move step 3 up", Buttons(row)[0].Name);
        Assert.Equal("3. New step", row.QuerySelector("h3")?.TextContent);
    }

    [Fact]
    public async Task StepRow_UsStyleNumber_SaysWhatWillBeSaved()
    {
        var row = await RenderAsync(new StepForm { PersonName = "Backup", Number = "(858) 335-4807" }, index: 0, count: 1);

        Assert.Equal("Saved as +18583354807.", row.QuerySelector(".saved-as")?.TextContent.Trim());
    }

    private static string? Label(IDocument row, string inputId) => row.QuerySelector($"label[for='{inputId}']")?.TextContent.Trim();

    private static List<(string? Name, bool Disabled)> Buttons(IDocument row) =>
        [.. row.QuerySelectorAll(".step-tools button").Select(b => (b.GetAttribute("aria-label"), b.HasAttribute("disabled")))];

    /// <summary>The row inside an edit context, as the editor's EditForm provides it.</summary>
    private static Task<IDocument> RenderAsync(StepForm step, int index, int count)
    {
        var form = new LineForm { Name = "Queen of San Diego", Steps = [step] };
        RenderFragment row = builder =>
        {
            builder.OpenComponent<StepEditorRow>(0);
            builder.AddComponentParameter(1, nameof(StepEditorRow.Step), step);
            builder.AddComponentParameter(2, nameof(StepEditorRow.Index), index);
            builder.AddComponentParameter(3, nameof(StepEditorRow.Count), count);
            builder.CloseComponent();
        };
        return ComponentMarkup.RenderAsync<CascadingValue<EditContext>>(new Dictionary<string, object?>
        {
            [nameof(CascadingValue<EditContext>.Value)] = new EditContext(form),
            [nameof(CascadingValue<EditContext>.IsFixed)] = true,
            [nameof(CascadingValue<EditContext>.ChildContent)] = row,
        });
    }
}
