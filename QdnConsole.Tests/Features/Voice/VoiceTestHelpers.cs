using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Voice;

internal static class VoiceTestHelpers
{
    public const string Sergio = "+18585550101";
    public const string Backup = "+18583354807";

    public static TwilioWebhookClient Twilio(this QdnAppFactory app) => new(app.CreateClient());

    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    public static async Task<T> DbAsync<T>(this QdnAppFactory app, Func<QdnDbContext, Task<T>> read)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await read(db);
    }

    public static Task<Call> CallAsync(this QdnAppFactory app, string callSid) =>
        app.DbAsync(db => db.Calls.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.CallSid == callSid));

    public static Task<int> SetAvailableAsync(this QdnAppFactory app, string name, bool available) =>
        app.DbAsync(db => db.People.Where(p => p.Name == name).ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, available)));

    public static Task<int> SetMaintenanceAsync(this QdnAppFactory app, bool on, string? message = null) =>
        app.DbAsync(db => db.Lines.Where(l => l.Id == "qdn").ExecuteUpdateAsync(s => s
            .SetProperty(l => l.MaintenanceMode, on)
            .SetProperty(l => l.MaintenanceMessage, message)));

    public static Dictionary<string, string> With(this Dictionary<string, string> form, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(form);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }

    /// <summary>What Twilio posts to a Dial action after the dialed leg ends.</summary>
    public static Dictionary<string, string> DialEnded(string callSid, string dialCallStatus, string? bridged, string callStatus = "in-progress", int duration = 0)
    {
        var form = TwilioWebhookClient.CallParameters(callSid, callStatus).With(
            ("DialCallSid", "CA" + new string('d', 32)),
            ("DialCallStatus", dialCallStatus),
            ("DialCallDuration", duration.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (bridged is not null)
        {
            form["DialBridged"] = bridged;
        }

        return form;
    }
}
