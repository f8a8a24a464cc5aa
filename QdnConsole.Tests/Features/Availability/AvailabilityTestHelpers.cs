using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;
using QdnConsole.Features.Availability;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Availability;

/// <summary>The app with a clock the test moves (it replaces the registered <see cref="TimeProvider"/>).</summary>
public sealed class ClockedAppFactory : QdnAppFactory
{
    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

internal static class AvailabilityTestHelpers
{
    public static readonly Actor TestActor = new("test", "web", "127.0.0.1");

    public static AvailabilityCommands Commands(this QdnAppFactory app) => app.Services.GetRequiredService<AvailabilityCommands>();

    public static ConsoleFeed Feed(this QdnAppFactory app) => app.Services.GetRequiredService<ConsoleFeed>();

    /// <summary>A stored user as the console sees them once signed in.</summary>
    public static Task<QdnUser> UserAsync(this QdnAppFactory app, string email = QdnAppFactory.OwnerEmail) =>
        app.DbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
            return new QdnUser(user.Id, user.Email, user.DisplayName ?? user.Email, user.Role, user.PersonId);
        });

    public static Task<int> PersonIdAsync(this QdnAppFactory app, string name) =>
        app.DbAsync(db => db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    /// <summary>A new inbound call to the seeded line, as Twilio posts it.</summary>
    public static Task<TwiMLReply> InboundCallAsync(this QdnAppFactory app) =>
        app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(VoiceTestHelpers.NewCallSid()));
}
