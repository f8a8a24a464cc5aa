using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;
using QdnConsole.Features.Simulator;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>
/// Every dial outcome × Sergio on/off × Backup on/off × maintenance on/off, each a fresh simulated call through the
/// real webhooks: every call ends with a person or the right voicemail, and its stored timeline tells what happened.
/// </summary>
public sealed class CascadeEndToEndTests(CascadeEndToEndTests.StateApps apps) : IClassFixture<CascadeEndToEndTests.StateApps>
{
    private const string NoAnswerGreeting = "Nobody could take your call right now";
    private const string AwayGreeting = "We are away from the phone right now";
    private const string MaintenanceGreeting = "Our phone line is under maintenance right now";

    // The configured line: Sergio screened, then Backup unscreened.
    private static readonly (string Name, string Number, bool Screen)[] Cascade = [("Sergio", Sergio, true), ("Backup", Backup, false)];

    public static TheoryData<string, bool, bool, bool> Matrix()
    {
        var data = new TheoryData<string, bool, bool, bool>();
        string[] outcomes = ["answered", "busy", "no-answer", "failed", "canceled", "screen-accept", "screen-reject", "voicemail-picks-up"];
        foreach (var outcome in outcomes)
        {
            foreach (var (sergio, backup, maintenance) in States())
            {
                data.Add(outcome, sergio, backup, maintenance);
            }
        }

        return data;
    }

    public static TheoryData<bool, bool, bool> AllStates()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (var (sergio, backup, maintenance) in States())
        {
            data.Add(sergio, backup, maintenance);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task SimulatedCall_EveryOutcomeAndState_EndsWithAPersonOrTheRightVoicemail(string outcome, bool sergio, bool backup, bool maintenance)
    {
        var app = await apps.ForAsync(sergio, backup, maintenance);
        var expected = Expect(SimulateArguments.OutcomeWords[outcome], [sergio, backup], maintenance);

        var result = await app.SimulateAsync([.. expected.Choices]);

        var call = await app.CallAsync(result.CallSid);
        Assert.False(result.Lost, result.Summary);
        Assert.Equal(expected.Story, call.Story());
        Assert.True(call.IsTest);
        if (expected.Person is { } person)
        {
            Assert.Equal((SimulationEnd.Person, person.Number), (result.End, result.ReachedNumber));
            Assert.Equal((CallDisposition.Answered, person.Name), (call.Disposition, call.AnsweredByName));
        }
        else
        {
            Assert.Equal(SimulationEnd.Voicemail, result.End);
            Assert.Contains(expected.Greeting!, result.Greeting, StringComparison.Ordinal);
            var voicemail = await app.DbAsync(db => db.Voicemails.AsNoTracking().SingleAsync(v => v.Call!.CallSid == result.CallSid));
            Assert.Equal(result.Greeting, voicemail.Greeting);
            Assert.Equal(CallDisposition.Voicemail, call.Disposition);
        }
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public async Task Preview_EveryState_AgreesWithASimulatedAllNoAnswerCall(bool sergio, bool backup, bool maintenance)
    {
        var app = await apps.ForAsync(sergio, backup, maintenance);
        var line = await app.DbAsync(db => app.Services.GetRequiredService<LineStore>().LoadAsync(db, "qdn", null, CancellationToken.None));
        var preview = CascadePreview.Walk(line!, app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var result = await app.SimulateAsync();

        Assert.Equal(result.DialedNumbers, preview.Rung.Select(s => s.Number));
        Assert.Equal(result.Greeting, preview.Greeting);
        var call = await app.CallAsync(result.CallSid);
        Assert.Equal(
            call.Events.Where(e => e.Kind == CallEventKind.StepSkipped).OrderBy(e => e.Sequence).Select(e => (e.StepPosition, e.Reason)),
            preview.Skipped.Select(s => ((int?)s.Step.Position, (string?)s.Reason)));
    }

    private static IEnumerable<(bool Sergio, bool Backup, bool Maintenance)> States() =>
        from sergio in new[] { true, false }
        from backup in new[] { true, false }
        from maintenance in new[] { false, true }
        select (sergio, backup, maintenance);

    private sealed record Expectation(List<DialChoice> Choices, List<string> Story, (string Name, string Number)? Person, string? Greeting);

    /// <summary>What must happen, worked out from the state alone: the outcome applies to every phone rung (a voicemail only picks up a screened one).</summary>
    private static Expectation Expect(DialChoice outcome, bool[] available, bool maintenance)
    {
        var expected = new Expectation([], [], null, null);
        if (maintenance)
        {
            expected.Story.AddRange(["Voicemail Maintenance", "Message recorded"]);
            return expected with { Greeting = MaintenanceGreeting };
        }

        for (var i = 0; i < Cascade.Length; i++)
        {
            var (name, number, screen) = Cascade[i];
            if (!available[i])
            {
                expected.Story.Add($"Skipped {name}: {name} unavailable");
                continue;
            }

            var choice = outcome == DialChoice.VoicemailPicksUp && !screen ? DialChoice.NoAnswer : outcome;
            var connects = choice is DialChoice.Answered or DialChoice.ScreenAccept || (DialCallStatus(choice) == "completed" && !screen);
            expected.Choices.Add(choice);
            expected.Story.Add($"Ringing {name} {number}");
            if (screen && choice is DialChoice.Answered or DialChoice.ScreenAccept)
            {
                expected.Story.Add($"{name} pressed 1");
            }
            else if (screen && choice == DialChoice.ScreenReject)
            {
                expected.Story.Add($"{name} declined");
            }

            expected.Story.Add($"Dial {name}: {DialCallStatus(choice)}");
            if (connects)
            {
                expected.Story.Add($"Answered by {name}");
                return expected with { Person = (name, number) };
            }
        }

        var anyoneRung = expected.Choices.Count > 0;
        expected.Story.AddRange([anyoneRung ? "Voicemail NoAnswer" : "Voicemail Unavailable", "Message recorded"]);
        return expected with { Greeting = anyoneRung ? NoAnswerGreeting : AwayGreeting };
    }

    private static string DialCallStatus(DialChoice choice) => choice switch
    {
        DialChoice.Busy => "busy",
        DialChoice.NoAnswer => "no-answer",
        DialChoice.Failed => "failed",
        DialChoice.Canceled => "canceled",
        _ => "completed",
    };

    /// <summary>One app per availability and maintenance state, made on first use; every call in it is its own.</summary>
    public sealed class StateApps : IDisposable
    {
        private readonly Dictionary<(bool, bool, bool), QdnAppFactory> _apps = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task<QdnAppFactory> ForAsync(bool sergio, bool backup, bool maintenance)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_apps.TryGetValue((sergio, backup, maintenance), out var app))
                {
                    app = new QdnAppFactory();
                    _apps.Add((sergio, backup, maintenance), app);
                    await app.SetAvailableAsync("Sergio", sergio);
                    await app.SetAvailableAsync("Backup", backup);
                    await app.SetMaintenanceAsync(maintenance);
                }

                return app;
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            foreach (var app in _apps.Values)
            {
                app.Dispose();
            }

            _gate.Dispose();
        }
    }
}
