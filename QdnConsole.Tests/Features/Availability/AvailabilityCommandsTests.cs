using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Availability;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Availability.AvailabilityTestHelpers;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Availability;

/// <summary>Availability switched through the command service, as the console does: the very next call obeys.</summary>
public sealed class AvailabilityCommandsTests : IDisposable
{
    private readonly ClockedAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private DateTime Now => _app.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task SetAvailability_OwnerSwitchesSergioOff_NextCallDialsBackup()
    {
        var owner = await _app.UserAsync();

        var result = await _app.Commands().SetAvailabilityAsync(owner, TestActor, await _app.PersonIdAsync("Sergio"), false, null, default);

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.Equal("Sergio is now unavailable", result.Message);
        Assert.Equal(Backup, (await _app.InboundCallAsync()).DialedNumber);
    }

    [Fact]
    public async Task SetAvailability_OwnerSwitchesSergioBackOn_NextCallDialsSergio()
    {
        var owner = await _app.UserAsync();
        var sergio = await _app.PersonIdAsync("Sergio");
        await _app.Commands().SetAvailabilityAsync(owner, TestActor, sergio, false, null, default);
        var whileOff = await _app.InboundCallAsync();

        var result = await _app.Commands().SetAvailabilityAsync(owner, TestActor, sergio, true, null, default);

        Assert.True(result.Succeeded);
        Assert.Equal((Backup, Sergio), (whileOff.DialedNumber, (await _app.InboundCallAsync()).DialedNumber));
    }

    [Fact]
    public async Task SetAvailability_UntilElapsed_NextCallRingsSergioAgain()
    {
        var owner = await _app.UserAsync();
        await _app.Commands().SetAvailabilityAsync(owner, TestActor, await _app.PersonIdAsync("Sergio"), false, Now.AddHours(1), default);
        var beforeUntil = await _app.InboundCallAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal((Backup, Sergio), (beforeUntil.DialedNumber, (await _app.InboundCallAsync()).DialedNumber));
    }

    [Fact]
    public async Task SetAvailability_UntilInThePast_RefusedAndNothingStored()
    {
        var owner = await _app.UserAsync();

        var result = await _app.Commands().SetAvailabilityAsync(owner, TestActor, await _app.PersonIdAsync("Sergio"), false, Now.AddMinutes(-1), default);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Contains("already passed", result.Message, StringComparison.Ordinal);
        Assert.Equal(Sergio, (await _app.InboundCallAsync()).DialedNumber);
        Assert.Equal(0, await AvailabilityAuditCountAsync());
    }

    [Fact]
    public async Task SetAvailability_StaffSwitchesSomeoneElse_RefusedWithoutChangeOrAudit()
    {
        await _app.AddUserAsync("sergio@example.com", UserRole.Staff, personName: "Sergio");
        var staff = await _app.UserAsync("sergio@example.com");

        var result = await _app.Commands().SetAvailabilityAsync(staff, TestActor, await _app.PersonIdAsync("Backup"), false, null, default);

        Assert.Equal(CommandStatus.Refused, result.Status);
        Assert.Contains("only your own availability", result.Message, StringComparison.Ordinal);
        Assert.True(await _app.DbAsync(db => db.People.Where(p => p.Name == "Backup").Select(p => p.Available).SingleAsync()));
        Assert.Equal(0, await AvailabilityAuditCountAsync());
    }

    [Fact]
    public async Task SetAvailability_StaffSwitchesThemselves_StoredWithWhoAndWhen()
    {
        await _app.AddUserAsync("sergio@example.com", UserRole.Staff, personName: "Sergio");
        var staff = await _app.UserAsync("sergio@example.com");
        var until = Now.AddHours(3);

        var result = await _app.Commands().SetAvailabilityAsync(staff, TestActor, await _app.PersonIdAsync("Sergio"), false, until, default);

        Assert.True(result.Succeeded, result.Message);
        var sergio = await _app.DbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Name == "Sergio"));
        Assert.Equal((false, until, "sergio@example.com", Now),
            (sergio.Available, sergio.AvailableUntilUtc, sergio.AvailabilityChangedBy, sergio.AvailabilityChangedAtUtc));
        Assert.Equal(Backup, (await _app.InboundCallAsync()).DialedNumber);
    }

    [Fact]
    public async Task SetAvailability_OwnerDemotedSinceSigningIn_Refused()
    {
        var owner = await _app.UserAsync();
        await _app.DbAsync(db => db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Staff)));

        var result = await _app.Commands().SetAvailabilityAsync(owner, TestActor, await _app.PersonIdAsync("Sergio"), false, null, default);

        Assert.Equal(CommandStatus.Refused, result.Status);
        Assert.Equal(Sergio, (await _app.InboundCallAsync()).DialedNumber);
    }

    [Fact]
    public async Task SetAvailability_UnknownPerson_NotFound()
    {
        var result = await _app.Commands().SetAvailabilityAsync(await _app.UserAsync(), TestActor, 9999, false, null, default);

        Assert.Equal(CommandStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task SetAvailability_Change_AuditEntryHasBeforeAndAfter()
    {
        var owner = await _app.UserAsync();
        var sergio = await _app.PersonIdAsync("Sergio");
        var until = Now.AddHours(2);

        await _app.Commands().SetAvailabilityAsync(owner, TestActor, sergio, false, until, default);

        var entry = await _app.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "availability.changed"));
        Assert.Equal(("Person", sergio.ToString(System.Globalization.CultureInfo.InvariantCulture), "test", "web"),
            (entry.EntityType, entry.EntityId, entry.Actor, entry.Source));
        Assert.Equal((true, null), Snapshot(entry.Before));
        Assert.Equal((false, until), Snapshot(entry.After));
    }

    [Fact]
    public async Task SetAvailability_Change_FeedAnnouncesTheLine()
    {
        var updated = new TaskCompletionSource<LineUpdated>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _app.Feed().Subscribe(evt =>
        {
            if (evt is LineUpdated line)
            {
                updated.TrySetResult(line);
            }

            return Task.CompletedTask;
        });

        await _app.Commands().SetAvailabilityAsync(await _app.UserAsync(), TestActor, await _app.PersonIdAsync("Sergio"), false, null, default);

        var evt = await updated.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("qdn", "Sergio is now unavailable"), (evt.LineId, evt.Summary));
    }

    [Fact]
    public async Task SetMaintenance_On_NextCallRingsNobodyAndHearsTheMessage()
    {
        var result = await _app.Commands().SetMaintenanceAsync(await _app.UserAsync(), TestActor, "qdn", true, "  Back after the holidays.  ", null, default);

        var reply = await _app.InboundCallAsync();
        Assert.True(result.Succeeded, result.Message);
        Assert.Null(reply.Dial);
        Assert.Contains("maintenance", reply.Greeting, StringComparison.Ordinal);
        Assert.Contains("Back after the holidays.", reply.Greeting, StringComparison.Ordinal);
        Assert.Equal("Back after the holidays.", await _app.DbAsync(db => db.Lines.Select(l => l.MaintenanceMessage).SingleAsync()));
    }

    [Fact]
    public async Task SetMaintenance_UntilElapsed_NextCallRingsTheCascade()
    {
        await _app.Commands().SetMaintenanceAsync(await _app.UserAsync(), TestActor, "qdn", true, null, Now.AddMinutes(30), default);
        var during = await _app.InboundCallAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(during.Dial);
        Assert.Equal(Sergio, (await _app.InboundCallAsync()).DialedNumber);
    }

    [Fact]
    public async Task SetMaintenance_UntilInThePast_RefusedAndCallsStillRing()
    {
        var result = await _app.Commands().SetMaintenanceAsync(await _app.UserAsync(), TestActor, "qdn", true, null, Now, default);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(Sergio, (await _app.InboundCallAsync()).DialedNumber);
    }

    [Fact]
    public async Task SetMaintenance_MessageOver500Characters_RefusedWithTheLimit()
    {
        var result = await _app.Commands().SetMaintenanceAsync(await _app.UserAsync(), TestActor, "qdn", true, new string('a', 501), null, default);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Contains("500", result.Message, StringComparison.Ordinal);
        Assert.False(await _app.DbAsync(db => db.Lines.Select(l => l.MaintenanceMode).SingleAsync()));
    }

    [Fact]
    public async Task SetMaintenance_Staff_RefusedWithoutChangeOrAudit()
    {
        await _app.AddUserAsync("sergio@example.com", UserRole.Staff, personName: "Sergio");

        var result = await _app.Commands().SetMaintenanceAsync(await _app.UserAsync("sergio@example.com"), TestActor, "qdn", true, null, null, default);

        Assert.Equal(CommandStatus.Refused, result.Status);
        Assert.Equal(Sergio, (await _app.InboundCallAsync()).DialedNumber);
        Assert.Equal(0, await _app.DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "maintenance.changed")));
    }

    [Fact]
    public async Task SetMaintenance_Change_AuditEntryHasBeforeAndAfter()
    {
        var owner = await _app.UserAsync();

        await _app.Commands().SetMaintenanceAsync(owner, TestActor, "qdn", true, "Closed today.", null, default);
        await _app.Commands().SetMaintenanceAsync(owner, TestActor, "qdn", false, "Closed today.", null, default);

        var entries = await _app.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "maintenance.changed").OrderBy(a => a.Id).ToListAsync());
        Assert.All(entries, e => Assert.Equal(("Line", "qdn"), (e.EntityType, e.EntityId)));
        Assert.Equal(
            [(false, null, true, "Closed today."), (true, "Closed today.", false, "Closed today.")],
            entries.Select(e => (Maintenance(e.Before).On, Maintenance(e.Before).Message, Maintenance(e.After).On, Maintenance(e.After).Message)));
    }

    private Task<int> AvailabilityAuditCountAsync() =>
        _app.DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "availability.changed"));

    private static (bool Available, DateTime? Until) Snapshot(string? json)
    {
        using var doc = JsonDocument.Parse(json!);
        var until = doc.RootElement.GetProperty("AvailableUntilUtc");
        return (doc.RootElement.GetProperty("Available").GetBoolean(),
            until.ValueKind == JsonValueKind.Null ? null : until.GetDateTime());
    }

    private static (bool On, string? Message) Maintenance(string? json)
    {
        using var doc = JsonDocument.Parse(json!);
        return (doc.RootElement.GetProperty("MaintenanceMode").GetBoolean(), doc.RootElement.GetProperty("MaintenanceMessage").GetString());
    }
}
