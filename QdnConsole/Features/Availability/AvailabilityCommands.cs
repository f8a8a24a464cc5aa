using QdnConsole.Features.Lines;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;
using QdnConsole.Features.LiveFeed;

namespace QdnConsole.Features.Availability;

/// <summary>
/// Switches a person's availability and a line's maintenance mode. Each change is stored with its audit entry in
/// one SaveChanges, so the very next call obeys it, then announced on the live feed so open consoles show it.
/// </summary>
public sealed partial class AvailabilityCommands(
    IDbContextFactory<QdnDbContext> dbFactory,
    TimeProvider clock,
    AuditLog audit,
    ConsoleFeed feed,
    ILogger<AvailabilityCommands> logger)
{
    public const int MaxMaintenanceMessage = 500;

    public async Task<CommandResult> SetAvailabilityAsync(
        QdnUser user, Actor actor, int personId, bool available, DateTime? untilUtc, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        untilUtc = AsUtc(untilUtc);
        if (untilUtc <= now)
        {
            return CommandResult.Invalid(PastUntil);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await CurrentAsync(db, user, ct);
        if (current is null || !current.MaySwitchAvailabilityOf(personId))
        {
            return CommandResult.Refused("You can switch only your own availability; an owner can switch anyone's.");
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return CommandResult.NotFound("That person no longer exists.");
        }

        var lines = await db.CascadeSteps.Where(s => s.PersonId == personId)
            .Join(db.Lines, s => s.LineId, l => l.Id, (s, l) => new { l.Id, l.TimeZone })
            .Distinct().ToListAsync(ct);
        var before = new { person.Available, person.AvailableUntilUtc };
        person.Available = available;
        person.AvailableUntilUtc = untilUtc;
        person.AvailabilityChangedBy = user.Email;
        person.AvailabilityChangedAtUtc = now;
        audit.Record(db, actor, "Person", personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "availability.changed", before, new { person.Available, person.AvailableUntilUtc });
        await db.SaveChangesAsync(ct);

        var summary = $"{person.Name} is now {(available ? "available" : "unavailable")}"
            + Until(untilUtc, lines.FirstOrDefault()?.TimeZone, now);
        LogAvailabilityChanged(logger, personId, available, untilUtc, actor.Name);
        foreach (var line in lines)
        {
            feed.Publish(new LineUpdated(now, line.Id, summary));
        }

        return CommandResult.Done(summary);
    }

    public async Task<CommandResult> SetMaintenanceAsync(
        QdnUser user, Actor actor, string lineId, bool on, string? message, DateTime? untilUtc, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        untilUtc = AsUtc(untilUtc);
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (message?.Length > MaxMaintenanceMessage)
        {
            return CommandResult.Invalid(
                $"The message to callers has {message.Length} characters; keep it to {MaxMaintenanceMessage} or fewer.");
        }

        if (untilUtc <= now)
        {
            return CommandResult.Invalid(PastUntil);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CurrentAsync(db, user, ct) is not { IsOwner: true })
        {
            return CommandResult.Refused("Only an owner can switch maintenance mode.");
        }

        var line = await db.Lines.FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return CommandResult.NotFound("That line no longer exists.");
        }

        var before = new { line.MaintenanceMode, line.MaintenanceMessage, line.MaintenanceUntilUtc };
        line.MaintenanceMode = on;
        line.MaintenanceMessage = message;
        line.MaintenanceUntilUtc = untilUtc;
        line.MaintenanceChangedBy = user.Email;
        line.MaintenanceChangedAtUtc = now;
        audit.Record(db, actor, "Line", line.Id, "maintenance.changed",
            before, new { line.MaintenanceMode, line.MaintenanceMessage, line.MaintenanceUntilUtc });
        await db.SaveChangesAsync(ct);

        var summary = $"Maintenance mode is now {(on ? "on" : "off")} for {line.Name}" + Until(untilUtc, line.TimeZone, now);
        LogMaintenanceChanged(logger, line.Id, on, untilUtc, actor.Name);
        feed.Publish(new LineUpdated(now, line.Id, summary));
        return CommandResult.Done(summary);
    }

    private const string PastUntil = "The \"until\" time has already passed: pick a later time, or leave it empty.";

    /// <summary>
    /// The user as stored now, not as when their circuit opened: an open console of a removed or demoted
    /// user must not keep its old rights.
    /// </summary>
    private static async Task<QdnUser?> CurrentAsync(QdnDbContext db, QdnUser user, CancellationToken ct)
    {
        var stored = await db.Users.AsNoTracking()
            .Where(u => u.Id == user.Id)
            .Select(u => new { u.Role, u.PersonId })
            .FirstOrDefaultAsync(ct);
        return stored is null ? null : user with { Role = stored.Role, PersonId = stored.PersonId };
    }

    private static DateTime? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };

    private static string Until(DateTime? untilUtc, string? timeZone, DateTime nowUtc) =>
        untilUtc is { } until ? $" until {LineClock.Brief(timeZone, until, nowUtc)}" : string.Empty;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Person {PersonId} set to available={Available} until {UntilUtc} by {Actor}")]
    private static partial void LogAvailabilityChanged(ILogger logger, int personId, bool available, DateTime? untilUtc, string actor);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Line {LineId} maintenance set to {On} until {UntilUtc} by {Actor}")]
    private static partial void LogMaintenanceChanged(ILogger logger, string lineId, bool on, DateTime? untilUtc, string actor);
}
