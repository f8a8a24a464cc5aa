using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>The console's test call, played through the app's own pipeline and found again in the store.</summary>
public sealed class TestCallRunnerTests
{
    [Fact]
    public async Task RunAsync_NoTwilioToken_StoredTestCallEndsInVoicemailAndIsFound()
    {
        using var app = new QdnAppFactory().With("Twilio:AuthToken", "").With("TWILIO_AUTH_TOKEN", "");
        var runner = Runner(app);

        var outcome = await runner.RunAsync(
            new SimulationRequest(TwilioWebhookClient.LineNumber, TestCallPlan.DefaultCaller, [DialChoice.NoAnswer, DialChoice.Busy]), CancellationToken.None);

        var call = await app.CallAsync(outcome.Result.CallSid);
        Assert.Equal(SimulationEnd.Voicemail, outcome.Result.End);
        Assert.Equal((call.Id, true, TestCallPlan.DefaultCaller), (outcome.CallId, call.IsTest, call.From));
        Assert.Equal([Sergio, Backup], outcome.Result.DialedNumbers);
    }

    [Fact]
    public async Task RunAsync_RequestNotMarkedAsTest_StillPlacedAsTestCall()
    {
        using var app = new QdnAppFactory();

        var outcome = await Runner(app).RunAsync(
            new SimulationRequest(TwilioWebhookClient.LineNumber, TestCallPlan.DefaultCaller, [DialChoice.ScreenAccept], MarkAsTest: false), CancellationToken.None);

        Assert.Equal(SimulationEnd.Person, outcome.Result.End);
        Assert.True((await app.CallAsync(outcome.Result.CallSid)).IsTest);
    }

    /// <summary>The runner as the app builds it, but reaching the app through the test server instead of a socket.</summary>
    private static TestCallRunner Runner(QdnAppFactory app) =>
        ActivatorUtilities.CreateInstance<TestCallRunner>(app.Services, new TestServerTransport(app));

    private sealed class TestServerTransport(QdnAppFactory app) : ISimulatorTransport
    {
        public HttpClient CreateClient() => app.CreateClient();
    }
}
