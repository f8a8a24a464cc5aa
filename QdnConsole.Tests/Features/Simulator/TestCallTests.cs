using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.Twilio;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>Simulated calls are stored as test calls, and work on a fresh install that has no Twilio token yet.</summary>
public sealed class TestCallTests
{
    [Fact]
    public async Task InboundCall_SignedWithTestFlag_StoredAsTestCall()
    {
        using var app = new QdnAppFactory();
        var test = NewCallSid();
        var real = NewCallSid();

        await app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(test).With(("QdnTest", "true")));
        await app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(real));

        Assert.True((await app.CallAsync(test)).IsTest);
        Assert.False((await app.CallAsync(real)).IsTest);
    }

    [Fact]
    public async Task SimulatedCall_NoAuthTokenConfigured_SignsWithTheLocalTokenKeptBesideTheDatabase()
    {
        using var app = NoTwilioToken();
        var simulator = app.Services.GetRequiredService<TwilioSimulator>();
        var local = app.Services.GetRequiredService<LocalSigningToken>();

        var result = await app.SimulateAsync(DialChoice.NoAnswer, DialChoice.NoAnswer);

        Assert.Equal(SimulationEnd.Voicemail, result.End);
        Assert.True((await app.CallAsync(result.CallSid)).IsTest);
        Assert.Equal(local.Value, simulator.SigningToken);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, LocalSigningToken.FileName), local.FilePath);
        Assert.Equal(local.Value, await File.ReadAllTextAsync(local.FilePath!));
    }

    [Fact]
    public async Task SimulatedCall_NoAuthTokenAndNotMarkedAsTest_IsRefused()
    {
        using var app = NoTwilioToken();

        var result = await app.SimulateAsync(new SimulationRequest(TwilioWebhookClient.LineNumber, TwilioWebhookClient.Caller, [], MarkAsTest: false));

        Assert.Equal(SimulationEnd.Failed, result.End);
        Assert.Equal(403, Assert.Single(result.Steps).Status);
    }

    [Fact]
    public async Task SimulatedCall_FromInsideTheRunningApp_ReachesItOverLoopback()
    {
        await using var running = new BrowserApp();
        var loopback = LoopbackAddress.Of(running.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>());
        using var client = new HttpClient { BaseAddress = loopback };

        var result = await running.Services.GetRequiredService<TwilioSimulator>().RunAsync(
            client, new SimulationRequest(TwilioWebhookClient.LineNumber, TwilioWebhookClient.Caller, [DialChoice.ScreenAccept]), CancellationToken.None);

        Assert.Equal((SimulationEnd.Person, Sergio), (result.End, result.ReachedNumber));
    }

    [Fact]
    public void SigningToken_AuthTokenConfigured_IsTheAuthToken()
    {
        using var app = new QdnAppFactory();

        Assert.Equal(QdnAppFactory.AuthToken, app.Services.GetRequiredService<TwilioSimulator>().SigningToken);
    }

    private static QdnAppFactory NoTwilioToken() => new QdnAppFactory().With("Twilio:AuthToken", "").With("TWILIO_AUTH_TOKEN", "");
}
