using AngleSharp.Dom;
using QdnConsole.Features.Availability;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Availability;

/// <summary>The switch as assistive technology sees it: a named switch, its state, and why it cannot be used.</summary>
public sealed class AvailabilitySwitchMarkupTests
{
    [Fact]
    public async Task Switch_Available_NamedSwitchChecked()
    {
        var doc = await RenderAsync("Sergio available", isChecked: true, disabled: false);

        var input = SwitchNamed(doc, "Sergio available");
        Assert.Equal(("checkbox", true, false), (input.GetAttribute("type"), input.HasAttribute("checked"), input.HasAttribute("disabled")));
        Assert.Equal("Available", Description(doc, input));
    }

    [Fact]
    public async Task Switch_Unavailable_NotChecked()
    {
        var doc = await RenderAsync("Sergio available", isChecked: false, disabled: false);

        Assert.False(SwitchNamed(doc, "Sergio available").HasAttribute("checked"));
    }

    [Fact]
    public async Task Switch_SomeoneElses_DisabledWithTheReasonInItsDescription()
    {
        var doc = await RenderAsync("Backup available", isChecked: true, disabled: true, reason: "Only Backup or an owner can switch this.");

        var input = SwitchNamed(doc, "Backup available");
        Assert.True(input.HasAttribute("disabled"));
        Assert.Equal("Available Only Backup or an owner can switch this.", Description(doc, input));
    }

    [Fact]
    public async Task Switch_Maintenance_NamedExactlyMaintenanceMode()
    {
        var doc = await RenderAsync("Maintenance mode", isChecked: false, disabled: true, reason: "Only an owner can switch maintenance mode.");

        Assert.True(SwitchNamed(doc, "Maintenance mode").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Switch_Error_ShownAsAlertAndDescribed()
    {
        var doc = await RenderAsync("Sergio available", isChecked: true, disabled: false, error: "The \"until\" time has already passed.");

        var input = SwitchNamed(doc, "Sergio available");
        Assert.Equal("The \"until\" time has already passed.", doc.QuerySelector("[role=alert]")?.TextContent);
        Assert.EndsWith("The \"until\" time has already passed.", Description(doc, input), StringComparison.Ordinal);
    }

    private static Task<IDocument> RenderAsync(string label, bool isChecked, bool disabled, string? reason = null, string? error = null) =>
        ComponentMarkup.RenderAsync<AvailabilitySwitch>(new Dictionary<string, object?>
        {
            [nameof(AvailabilitySwitch.Id)] = "switch-1",
            [nameof(AvailabilitySwitch.Label)] = label,
            [nameof(AvailabilitySwitch.Checked)] = isChecked,
            [nameof(AvailabilitySwitch.Disabled)] = disabled,
            [nameof(AvailabilitySwitch.DisabledReason)] = reason,
            [nameof(AvailabilitySwitch.Status)] = isChecked ? "Available" : "Unavailable",
            [nameof(AvailabilitySwitch.Error)] = error,
        });

    /// <summary>The one element with role switch whose label (its accessible name) is exactly <paramref name="name"/>.</summary>
    private static IElement SwitchNamed(IDocument doc, string name) =>
        Assert.Single(doc.QuerySelectorAll("[role=switch]"),
            e => doc.QuerySelector($"label[for='{e.Id}']")?.TextContent.Trim() == name);

    private static string Description(IDocument doc, IElement input) =>
        string.Join(' ', (input.GetAttribute("aria-describedby") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => doc.GetElementById(id)?.TextContent.Trim()));
}
