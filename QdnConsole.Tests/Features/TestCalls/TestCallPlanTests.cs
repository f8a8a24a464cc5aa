using QdnConsole.Features.Preview;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using static QdnConsole.Tests.Features.Preview.PreviewLines;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>The simulator gets one outcome per phone it dials, so outcomes must follow the steps that ring.</summary>
public sealed class TestCallPlanTests
{
    [Fact]
    public void ToRequest_EveryoneRings_OutcomesInCascadeOrder()
    {
        var line = Line();
        var plan = new TestCallPlan { LeaveMessage = false };
        plan.Pick(Backup(), DialChoice.Busy);

        var request = plan.ToRequest(line, "+16195550199", PreviewView.For(line, Now).Steps);

        Assert.Equal([DialChoice.NoAnswer, DialChoice.Busy], request.Choices);
        Assert.Equal(("+18585550100", "+16195550199", false, true), (request.To, request.From, request.LeaveMessage, request.MarkAsTest));
    }

    [Fact]
    public void ToRequest_SergioSkipped_FirstOutcomeIsTheBackups()
    {
        var line = Line(Sergio(available: false));
        var plan = new TestCallPlan();
        plan.Pick(Sergio(), DialChoice.Answered);
        plan.Pick(Backup(), DialChoice.Failed);

        var request = plan.ToRequest(line, "+16195550199", PreviewView.For(line, Now).Steps);

        Assert.Equal([DialChoice.Failed], request.Choices);
    }

    [Fact]
    public void OutcomeFor_ScreenChoiceOnAStepNoLongerScreened_FallsBackToNoAnswer()
    {
        var plan = new TestCallPlan();
        plan.Pick(Sergio(), DialChoice.ScreenAccept);

        Assert.Equal(DialChoice.NoAnswer, plan.OutcomeFor(Sergio() with { Screen = false }));
        Assert.Equal(DialChoice.ScreenAccept, plan.OutcomeFor(Sergio()));
    }
}
