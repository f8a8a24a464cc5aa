namespace QdnConsole.Features.Simulator;

// ============================================================================================
// TEMPORARY STAND-INS, DELETE AT MERGE (with the one AddSimulatorStandins() call in
// Features/TestCalls/TestCallsRegistration.cs): the real simulator engine is built in another
// branch (wt-e). These only let the test call page compile and render on this branch.
// ============================================================================================

/// <summary>STAND-IN for the real engine: refuses to run.</summary>
public sealed class TwilioSimulator
{
    public Task<SimulationResult> RunAsync(HttpClient client, string authToken, SimulationRequest request, CancellationToken ct) =>
        throw new NotSupportedException("Stand-in: the simulator engine is not merged into this branch yet.");
}

/// <summary>STAND-IN: the token simulated webhooks are signed with (configured auth token, else a local one).</summary>
public sealed class LocalSigningToken
{
    public string SigningToken => "stand-in";
}

public static class SimulatorStandinRegistration
{
    public static IServiceCollection AddSimulatorStandins(this IServiceCollection services) =>
        services.AddSingleton<TwilioSimulator>().AddSingleton<LocalSigningToken>();
}
