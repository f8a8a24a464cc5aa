using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.TwilioApi;
using QdnConsole.Features.Voice;

namespace QdnConsole.Features.TwilioCli;

/// <summary>
/// <c>twilio configure</c>: points a line's Twilio number at this app (voice URL, fallback, status callback, all POST)
/// with the account credentials, prints before and after, and audits the change (source "cli").
/// </summary>
public sealed class NumberConfigurator(
    IDbContextFactory<QdnDbContext> dbFactory,
    LineStore lines,
    TwilioAdminClient admin,
    IOptions<TwilioOptions> twilio,
    AuditLog audit)
{
    public const string AuditEntityType = "TwilioNumber";
    public const string AuditAction = "twilio.configure";

    /// <summary>The webhooks this app answers, under its public URL.</summary>
    public static VoiceConfiguration Target(string publicUrl) => new(
        $"{publicUrl}{VoiceUrls.Prefix}/inbound-call", "POST",
        $"{publicUrl}{VoiceUrls.Prefix}/fallback", "POST",
        $"{publicUrl}{VoiceUrls.Prefix}/call-status", "POST");

    public async Task<int> RunAsync(ConfigureArguments arguments, Actor actor, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuredUrl = twilio.Value.PublicBaseUrl;
        var publicUrl = arguments.PublicUrl ?? configuredUrl;
        if (publicUrl is null)
        {
            await error.WriteLineAsync("--public-url is required (or set Qdn:PublicBaseUrl).");
            return TwilioCommand.BadArguments;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await lines.LoadAllAsync(db, ct);
        if (all.FirstOrDefault(l => l.Id == arguments.LineId) is not { } line)
        {
            await error.WriteLineAsync($"There is no line '{arguments.LineId}'. Lines: {string.Join(", ", all.Select(l => l.Id))}.");
            return TwilioCommand.BadArguments;
        }

        if (admin.Credential is not { } credential)
        {
            await error.WriteLineAsync(TwilioAdminClient.NoCredentials + ".");
            return TwilioCommand.Failed;
        }

        await output.WriteLineAsync($"Line {line.Id} ({line.Name}), Twilio number {line.Number}.");
        await output.WriteLineAsync(
            $"Administrative operation: using the ACCOUNT credentials (account SID {TwilioCredentials.Last4(credential.AccountSid)} + auth token), not the API key.");
        if (configuredUrl is not null && configuredUrl != publicUrl)
        {
            await error.WriteLineAsync(
                $"Warning: Qdn:PublicBaseUrl is {configuredUrl}, but Twilio will call {publicUrl}: signatures are checked against Qdn:PublicBaseUrl and would not match.");
        }

        var number = await admin.FindIncomingNumberAsync(line.Number, ct);
        if (number is null)
        {
            await error.WriteLineAsync($"The number {line.Number} is not on Twilio account {TwilioCredentials.Last4(credential.AccountSid)}.");
            return TwilioCommand.Failed;
        }

        var before = number.Voice;
        var target = Target(publicUrl);
        await Print(output, "Before", before);
        if (before == target)
        {
            await output.WriteLineAsync("Nothing to change: the number already points at this app.");
            return TwilioCommand.Ok;
        }

        if (arguments.DryRun)
        {
            await Print(output, "Would set (dry run, nothing changed)", target);
            return TwilioCommand.Ok;
        }

        var after = (await admin.UpdateVoiceAsync(number.Sid, target, ct)).Voice;
        await Print(output, "After", after);
        audit.Record(db, actor, AuditEntityType, line.Number, AuditAction, before, after);
        await db.SaveChangesAsync(ct);
        await output.WriteLineAsync($"Audit entry written: {AuditAction} on {line.Number} by {actor.Name} (source {actor.Source}).");
        return TwilioCommand.Ok;
    }

    private static async Task Print(TextWriter output, string title, VoiceConfiguration voice)
    {
        await output.WriteLineAsync($"{title}:");
        await output.WriteLineAsync($"  Voice URL        {Describe(voice.VoiceMethod, voice.VoiceUrl)}");
        await output.WriteLineAsync($"  Fallback URL     {Describe(voice.VoiceFallbackMethod, voice.VoiceFallbackUrl)}");
        await output.WriteLineAsync($"  Status callback  {Describe(voice.StatusCallbackMethod, voice.StatusCallback)}");
    }

    private static string Describe(string? method, string? url) => string.IsNullOrEmpty(url) ? "(none)" : $"{method ?? "POST"} {url}";
}
