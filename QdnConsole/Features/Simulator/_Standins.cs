namespace QdnConsole.Features.Simulator;

// ============================================================================================
// TEMPORARY STAND-INS, DELETE AT MERGE: the simulator engine (issue4-e) brings the real
// TwilioSimulator and SimulatorRegistration.AddSimulator with this same shape. These only let
// the test call page compile and render on this branch; running a test call here is refused.
// ============================================================================================

/// <summary>STAND-IN for the real engine: refuses to run.</summary>
public sealed class TwilioSimulator
{
    public Task<SimulationResult> RunAsync(HttpClient client, SimulationRequest request, CancellationToken ct) =>
        throw new NotSupportedException("Stand-in: the simulator engine is not merged into this branch yet.");
}

public static class SimulatorRegistration
{
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TwilioSimulator>();
        return builder;
    }
}
