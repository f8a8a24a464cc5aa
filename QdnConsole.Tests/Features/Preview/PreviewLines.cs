using QdnConsole.Features.Routing;

namespace QdnConsole.Tests.Features.Preview;

/// <summary>The default line (screened Sergio, then the backup phone) in the shapes the preview and test call tests need.</summary>
internal static class PreviewLines
{
    // Saturday 21 November 2026, 14:30 in San Diego.
    public static readonly DateTime Now = new(2026, 11, 21, 22, 30, 0, DateTimeKind.Utc);

    public static CascadeStepState Sergio(bool available = true, DateTime? until = null, string? by = null, DateTime? at = null) =>
        new(0, 1, "Sergio", "+18585550101", 20, Screen: true, available, until, by, at);

    public static CascadeStepState Backup(bool available = true) =>
        new(1, 2, "Backup", "+18583354807", 25, Screen: false, available);

    public static CascadeLine Line(CascadeStepState? sergio = null, CascadeStepState? backup = null, MaintenanceState? maintenance = null) => new(
        "qdn",
        "Queen of San Diego",
        "+18585550100",
        "America/Los_Angeles",
        maintenance ?? MaintenanceState.Off,
        [sergio ?? Sergio(), backup ?? Backup()],
        LineGreetings.Default);
}
