using QdnConsole.Features.Simulator;

namespace QdnConsole.Features.TestCalls;

/// <summary>Registration of the test call page's services; the page talks to them over its circuit, no endpoints.</summary>
public static class TestCallsRegistration
{
    public static WebApplicationBuilder AddTestCalls(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISimulatorTransport, LoopbackSimulatorTransport>();
        builder.Services.AddScoped<TestCallRunner>();
        // STAND-IN, delete at merge together with Features/Simulator/_Standins.cs.
        builder.Services.AddSimulatorStandins();
        return builder;
    }
}
