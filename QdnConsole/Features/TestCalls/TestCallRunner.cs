using QdnConsole.Features.Simulator;
using QdnConsole.Features.Voice;

namespace QdnConsole.Features.TestCalls;

/// <summary>A finished test call: what the simulator saw, and the stored call it made (null if none was stored).</summary>
public sealed record TestCallOutcome(SimulationResult Result, long? CallId);

/// <summary>
/// Plays a test call against this app's own webhooks: the simulator signs its requests like Twilio (with the
/// configured auth token, or the app's local one when there is none) and marks the call as a test.
/// </summary>
public sealed partial class TestCallRunner(
    ISimulatorTransport transport,
    TwilioSimulator simulator,
    CallReader reader,
    ILogger<TestCallRunner> logger)
{
    public async Task<TestCallOutcome> RunAsync(SimulationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var client = transport.CreateClient();
        var result = await simulator.RunAsync(client, request with { MarkAsTest = true }, ct);
        LogFinished(logger, result.CallSid, request.To, result.End);

        var callId = reader.Find(result.CallSid, requestKey: "", fromStore: true)?.Call.Id;
        return new(result, callId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Test call {CallSid} to {To} ended: {End}")]
    private static partial void LogFinished(ILogger logger, string callSid, string to, SimulationEnd end);
}
