using QdnConsole.Data;
using QdnConsole.Features.Routing;

namespace QdnConsole.Tests.Features.Routing;

public class CascadeDeciderTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 22, 0, 0, DateTimeKind.Utc);

    private static CascadeLine Line(bool sergio = true, bool backup = true, bool maintenance = false, string? message = null) => new(
        "qdn",
        "Queen of San Diego",
        "+18585550100",
        "America/Los_Angeles",
        new MaintenanceState(maintenance, message, null, null, null),
        [
            new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: sergio),
            new CascadeStepState(1, 2, "Backup", "+18583354807", 20, Screen: false, Available: backup),
        ],
        LineGreetings.Default);

    public static TheoryData<string, string?, string?, DialResultKind> Outcomes => new()
    {
        { "answered", "completed", null, DialResultKind.Answered },
        { "answered, bridged", "completed", "true", DialResultKind.Answered },
        { "screen not accepted", "completed", "false", DialResultKind.NotAccepted },
        { "busy", "busy", "false", DialResultKind.Busy },
        { "no answer", "no-answer", "false", DialResultKind.NoAnswer },
        { "failed", "failed", "false", DialResultKind.Failed },
        { "canceled", "canceled", null, DialResultKind.Canceled },
    };

    /// <summary>Every combination of availability, maintenance, and the first dial's outcome.</summary>
    public static IEnumerable<object[]> Matrix() =>
        from sergio in new[] { true, false }
        from backup in new[] { true, false }
        from maintenance in new[] { true, false }
        from outcome in new[] { "completed|", "completed|true", "completed|false", "busy|", "no-answer|", "failed|", "canceled|", "caller-gone|" }
        select new object[] { sergio, backup, maintenance, outcome };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Cascade_EveryStateAndOutcome_EndsWithPersonOrMatchingVoicemail(bool sergio, bool backup, bool maintenance, string outcome)
    {
        var line = Line(sergio, backup, maintenance);
        var first = CascadeDecider.Start(line, Now);

        if (maintenance)
        {
            Assert.Equal(DecisionKind.Voicemail, first.Kind);
            Assert.Equal(VoicemailReason.Maintenance, first.VoicemailReason);
            Assert.Contains("maintenance", first.Greeting, StringComparison.OrdinalIgnoreCase);
            return;
        }

        if (!sergio && !backup)
        {
            Assert.Equal(DecisionKind.Voicemail, first.Kind);
            Assert.Equal(VoicemailReason.Unavailable, first.VoicemailReason);
            Assert.Equal(["Sergio unavailable", "Backup unavailable"], first.Skipped.Select(s => s.Reason));
            return;
        }

        Assert.Equal(DecisionKind.Ring, first.Kind);
        var rung = first.Step!;
        Assert.Equal(sergio ? "Sergio" : "Backup", rung.Name);
        Assert.Equal(sergio ? 0 : 1, first.Skipped.Count);

        var (status, bridged) = outcome.Split('|') switch { var p => (p[0], p[1].Length == 0 ? null : p[1]) };
        var dial = status == "caller-gone"
            ? new DialOutcome("no-answer", null, "completed")
            : new DialOutcome(status, bridged, "in-progress", 0);
        var next = CascadeDecider.AfterDial(line, rung.Position, dial, Now);

        var answered = bridged == "true" || (bridged is null && status == "completed");
        if (answered)
        {
            Assert.Equal(DecisionKind.Connected, next.Kind);
            Assert.Equal(rung.Name, next.Step!.Name);
        }
        else if (status == "caller-gone")
        {
            Assert.Equal(DecisionKind.CallerGone, next.Kind);
        }
        else if (rung.Name == "Sergio" && backup)
        {
            Assert.Equal(DecisionKind.Ring, next.Kind);
            Assert.Equal("Backup", next.Step!.Name);
        }
        else
        {
            Assert.Equal(DecisionKind.Voicemail, next.Kind);
            Assert.Equal(VoicemailReason.NoAnswer, next.VoicemailReason);
            Assert.Contains("Nobody could take your call", next.Greeting, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Classify_DialOutcome_MatchesTwilioMeaning(string _, string? status, string? bridged, DialResultKind expected)
    {
        var step = new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true);
        Assert.Equal(expected, DialResult.Classify(new DialOutcome(status, bridged, "in-progress"), step).Kind);
    }

    [Fact]
    public void Classify_ScreenedLegNobodyPressed1_ExplainsScreening()
    {
        var step = new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true);
        var result = DialResult.Classify(new DialOutcome("completed", "false", "in-progress"), step);
        Assert.Equal("Screened: nobody at Sergio's phone pressed 1", result.Reason);
    }

    [Fact]
    public void Classify_NoAnswer_NamesRingTime()
    {
        var step = new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, Screen: true, Available: true);
        Assert.Equal("Sergio did not answer within 20 s", DialResult.Classify(new DialOutcome("no-answer", null, "ringing"), step).Reason);
    }

    [Fact]
    public void Start_FullCascadeNoAnswer_WalksSergioBackupVoicemail()
    {
        var line = Line();
        var first = CascadeDecider.Start(line, Now);
        var second = CascadeDecider.AfterDial(line, 0, new DialOutcome("no-answer", "false", "ringing"), Now);
        var third = CascadeDecider.AfterDial(line, 1, new DialOutcome("busy", "false", "ringing"), Now);
        Assert.Equal(("Sergio", "Backup", DecisionKind.Voicemail), (first.Step!.Name, second.Step!.Name, third.Kind));
        Assert.Equal(DialResultKind.Busy, third.PreviousDial!.Kind);
    }

    [Fact]
    public void SkipReason_ChangedBySomeone_SaysWhoAndWhenInLineTime()
    {
        var line = Line() with
        {
            Steps = [new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, Available: false,
                AvailabilityChangedBy: "sergio@example.com", AvailabilityChangedAtUtc: new DateTime(2026, 11, 21, 22, 2, 0, DateTimeKind.Utc))],
        };
        // 22:02 UTC is 14:02 in San Diego (PST).
        Assert.Equal("Sergio unavailable (set by sergio@example.com 14:02)", CascadeDecider.SkipReason(line, line.Steps[0], Now));
    }

    [Fact]
    public void Availability_UntilPassed_RevertsAutomatically()
    {
        var step = new CascadeStepState(0, 1, "Sergio", "+18585550101", 20, true, Available: false, AvailableUntilUtc: Now.AddMinutes(30));
        Assert.False(step.IsAvailable(Now));
        Assert.True(step.IsAvailable(Now.AddMinutes(30)));
    }

    [Fact]
    public void Maintenance_UntilPassed_RingsAgain()
    {
        var line = Line() with { Maintenance = new MaintenanceState(true, null, Now.AddHours(1), null, null) };
        Assert.Equal(DecisionKind.Voicemail, CascadeDecider.Start(line, Now).Kind);
        Assert.Equal(DecisionKind.Ring, CascadeDecider.Start(line, Now.AddHours(1)).Kind);
    }

    [Fact]
    public void Maintenance_WithMessage_GreetingIncludesIt()
    {
        var decision = CascadeDecider.Start(Line(maintenance: true, message: "We are moving offices until Monday."), Now);
        Assert.Contains("We are moving offices until Monday.", decision.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public void Maintenance_SwitchedOnMidCascade_StopsRinging()
    {
        var decision = CascadeDecider.AfterDial(Line(maintenance: true), 0, new DialOutcome("no-answer", null, "ringing"), Now);
        Assert.Equal(VoicemailReason.Maintenance, decision.VoicemailReason);
    }

    [Fact]
    public void Start_NoSteps_GoesToVoicemail()
    {
        var decision = CascadeDecider.Start(Line() with { Steps = [] }, Now);
        Assert.Equal((DecisionKind.Voicemail, VoicemailReason.NoCascade), (decision.Kind, decision.VoicemailReason));
    }

    [Fact]
    public void Greeting_Custom_ReplacesBuiltIn()
    {
        var line = Line(sergio: false, backup: false) with { Greetings = new LineGreetings(Unavailable: "We are at the market today.") };
        Assert.Equal("We are at the market today.", CascadeDecider.Start(line, Now).Greeting);
    }

    [Fact]
    public void SafePath_BeforeBackup_RingsBackupThenVoicemail()
    {
        var line = Line();
        Assert.Equal("Backup", CascadeDecider.SafePath(line, afterPosition: null).Step!.Name);
        Assert.Equal("Backup", CascadeDecider.SafePath(line, afterPosition: 0).Step!.Name);
        Assert.Equal(DecisionKind.Voicemail, CascadeDecider.SafePath(line, afterPosition: 1).Kind);
    }
}
