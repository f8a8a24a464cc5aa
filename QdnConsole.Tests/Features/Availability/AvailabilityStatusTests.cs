using QdnConsole.Features.Lines;
using QdnConsole.Features.Availability;
using QdnConsole.Features.Routing;

namespace QdnConsole.Tests.Features.Availability;

/// <summary>The sentence under each switch, in the line's time zone (Los Angeles: UTC-8 in November).</summary>
public sealed class AvailabilityStatusTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 22, 30, 0, DateTimeKind.Utc); // 14:30 in San Diego

    [Fact]
    public void Person_SwitchedOffUntilLater_SaysSinceByAndUntil()
    {
        var step = Step(available: false, until: Now.AddHours(2.5), by: "sergio@example.com", at: Now.AddMinutes(-28));

        Assert.Equal("Unavailable since 14:02 (set by sergio@example.com) until 17:00", AvailabilityStatus.Person(Line([step]), step, Now));
    }

    [Fact]
    public void Person_NeverSwitched_JustAvailable()
    {
        var step = Step(available: true);

        Assert.Equal("Available", AvailabilityStatus.Person(Line([step]), step, Now));
    }

    [Fact]
    public void Person_UntilPassed_SaysSwitchedBackAutomatically()
    {
        var step = Step(available: false, until: Now.AddMinutes(-30), by: "sergio@example.com", at: Now.AddHours(-3));

        Assert.Equal("Available since 14:00 (switched back automatically)", AvailabilityStatus.Person(Line([step]), step, Now));
    }

    [Fact]
    public void Person_ChangedOnAnotherDay_ShowsTheDate()
    {
        var step = Step(available: false, by: "owner@example.com", at: Now.AddDays(-2));

        Assert.Equal("Unavailable since Nov 19 14:30 (set by owner@example.com)", AvailabilityStatus.Person(Line([step]), step, Now));
    }

    [Fact]
    public void Maintenance_On_SaysCallersGoToVoicemail()
    {
        var line = Line([]) with { Maintenance = new MaintenanceState(true, "Closed", Now.AddHours(1), "owner@example.com", Now) };

        Assert.Equal("On since 14:30 (set by owner@example.com) until 15:30: nobody is rung, callers go to voicemail",
            AvailabilityStatus.Maintenance(line, Now));
    }

    [Fact]
    public void Maintenance_Off_SaysCallsRingTheCascade()
    {
        Assert.Equal("Off: calls ring the cascade", AvailabilityStatus.Maintenance(Line([]), Now));
    }

    [Fact]
    public void FromLocal_TimeTheClocksSkip_ExplainsInsteadOfGuessing()
    {
        // 2026-03-08 02:30 does not exist in Los Angeles: clocks jump from 02:00 to 03:00.
        var (utc, error) = LineClock.FromLocal("America/Los_Angeles", new DateTime(2026, 3, 8, 2, 30, 0));

        Assert.Null(utc);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLocal_OrdinaryTime_ConvertsFromTheLineZone()
    {
        var (utc, error) = LineClock.FromLocal("America/Los_Angeles", new DateTime(2026, 11, 21, 17, 0, 0));

        Assert.Equal((new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc), null), (utc, error));
    }

    private static CascadeStepState Step(bool available, DateTime? until = null, string? by = null, DateTime? at = null) =>
        new(0, 1, "Sergio", "+18585550101", 20, true, available, until, by, at);

    private static CascadeLine Line(IReadOnlyList<CascadeStepState> steps) =>
        new("qdn", "Queen of San Diego", "+18585550100", "America/Los_Angeles", MaintenanceState.Off, steps, LineGreetings.Default);
}
