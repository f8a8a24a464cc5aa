using QdnConsole.Data;
using QdnConsole.Features.Routing;

namespace QdnConsole.Tests.Features.Routing;

/// <summary>The what-if walk: who would be rung, who skipped and why, and the greeting a caller would hear.</summary>
public sealed class CascadePreviewTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 22, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Walk_EveryoneAvailable_RingsInOrderThenNoAnswerGreeting()
    {
        var preview = CascadePreview.Walk(Line(), Now);

        Assert.Equal(
            [("Sergio", true, "Ringing Sergio for 20 s (screened)"), ("Backup", true, "Ringing Backup for 25 s")],
            preview.Steps.Select(s => (s.Step.Name, s.Rung, s.Reason)));
        Assert.Equal(VoicemailReason.NoAnswer, preview.VoicemailReason);
        Assert.Equal(Greetings.For(VoicemailReason.NoAnswer, Line()), preview.Greeting);
    }

    [Fact]
    public void Walk_SergioAwayUntilLater_SkipsHimWithTheReasonAndRingsBackup()
    {
        var until = Now.AddHours(2);
        var line = Line(sergio: new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, false, until, "Ana", Now.AddHours(-1)));

        var preview = CascadePreview.Walk(line, Now);

        var skipped = Assert.Single(preview.Skipped);
        Assert.Equal("Sergio unavailable (set by Ana 13:00, until 16:00)", skipped.Reason);
        Assert.Equal(["Backup"], preview.Rung.Select(s => s.Name));
    }

    [Fact]
    public void Walk_AfterTheAwayTimeEnds_RingsSergioAgain()
    {
        var line = Line(sergio: new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, false, Now.AddHours(2)));

        var preview = CascadePreview.Walk(line, Now.AddHours(3));

        Assert.Equal(["Sergio", "Backup"], preview.Rung.Select(s => s.Name));
    }

    [Fact]
    public void Walk_NobodyAvailable_SkipsBothAndAwayGreeting()
    {
        var line = Line(
            sergio: new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, false),
            backup: new CascadeStepState(1, 2, "Backup", "+18583354807", 25, false, false));

        var preview = CascadePreview.Walk(line, Now);

        Assert.Empty(preview.Rung);
        Assert.Equal(["Sergio unavailable", "Backup unavailable"], preview.Skipped.Select(s => s.Reason));
        Assert.Equal(VoicemailReason.Unavailable, preview.VoicemailReason);
    }

    [Fact]
    public void Walk_Maintenance_RingsNobodyAndSpeaksTheMessage()
    {
        var line = Line() with { Maintenance = new MaintenanceState(true, "Back on Monday.", null, null, null) };

        var preview = CascadePreview.Walk(line, Now);

        Assert.Empty(preview.Steps);
        Assert.Equal(VoicemailReason.Maintenance, preview.VoicemailReason);
        Assert.Contains("Back on Monday.", preview.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public void Walk_NoSteps_NoCascadeVoicemail()
    {
        var preview = CascadePreview.Walk(Line() with { Steps = [] }, Now);

        Assert.Empty(preview.Steps);
        Assert.Equal(VoicemailReason.NoCascade, preview.VoicemailReason);
    }

    private static CascadeLine Line(CascadeStepState? sergio = null, CascadeStepState? backup = null) => new(
        "qdn",
        "Queen of San Diego",
        "+18585550100",
        "America/Los_Angeles",
        MaintenanceState.Off,
        [
            sergio ?? new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true),
            backup ?? new CascadeStepState(1, 2, "Backup", "+18583354807", 25, Screen: false, Available: true),
        ],
        LineGreetings.Default);
}
