namespace QdnConsole.Features.Simulator;

/// <summary>Registration of the test-call simulator (used by the console's test pages and the simulate command).</summary>
public static class SimulatorRegistration
{
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TwilioSimulator>();
        return builder;
    }
}
