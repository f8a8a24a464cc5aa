using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.TwilioApi;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TwilioApi;

/// <summary>The app's Twilio registrations alone (no server, no database), pointed at a <see cref="FakeTwilioApi"/>.</summary>
internal sealed class TwilioApiHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public TwilioApiHarness(FakeTwilioApi api, bool withApiKey = true, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["TWILIO_ACCOUNT_SID"] = QdnAppFactory.AccountSid,
            ["TWILIO_AUTH_TOKEN"] = QdnAppFactory.AuthToken,
            ["Twilio:ApiBaseUrl"] = api.BaseUrl,
            ["Twilio:Rest:RetryDelay"] = "00:00:00.001",
        };
        if (withApiKey)
        {
            values["TWILIO_API_KEY"] = FakeTwilioApi.ApiKey;
            values["TWILIO_API_SECRET"] = FakeTwilioApi.ApiSecret;
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        // An empty builder: no environment variables, so a developer's own TWILIO_* cannot leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddLogging(logging => logging.AddProvider(Logs));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTwilio();
        builder.AddTwilioApi();
        _services = builder.Services.BuildServiceProvider(validateScopes: true);
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>A fresh typed client, as a unit of work would take one.</summary>
    public TwilioRestClient Rest() => _services.GetRequiredService<TwilioRestClient>();

    public TwilioAdminClient Admin() => _services.GetRequiredService<TwilioAdminClient>();

    public void Dispose() => _services.Dispose();
}
