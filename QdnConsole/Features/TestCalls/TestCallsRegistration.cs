namespace QdnConsole.Features.TestCalls;

/// <summary>Registration of the test call page's services (the simulator itself comes from AddSimulator); no endpoints.</summary>
public static class TestCallsRegistration
{
    public static WebApplicationBuilder AddTestCalls(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISimulatorTransport, LoopbackSimulatorTransport>();
        builder.Services.AddScoped<TestCallRunner>();
        return builder;
    }
}
