using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Tests.Features.Twilio;

internal static class TwilioOptionsHarness
{
    public const string Sid = "AC0123456789abcdef0123456789ABCDEF";
    public const string KeySid = "SK0123456789abcdef0123456789ABCDEF";

    public static TwilioOptions Resolve(Dictionary<string, string?> settings)
    {
        using var services = Build(settings);
        return services.GetRequiredService<IOptions<TwilioOptions>>().Value;
    }

    // An empty builder: no environment variables, so a developer's own TWILIO_* cannot leak in.
    // Only its services are built (an empty builder has no server to build an app with).
    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTwilio();
        builder.Services.AddLogging();
        return builder.Services.BuildServiceProvider(validateScopes: true);
    }
}
