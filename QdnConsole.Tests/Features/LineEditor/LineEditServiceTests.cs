using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.LineEditor;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.LineEditor;

/// <summary>Saving a line through the editor's service: what the next call does, what is refused, what is audited.</summary>
public sealed class LineEditServiceTests : IDisposable
{
    private static readonly Actor Owner = new(QdnAppFactory.OwnerEmail, "web", "203.0.113.9");

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private LineEditService Editor => _app.Services.GetRequiredService<LineEditService>();

    [Fact]
    public async Task Save_SergioRings30sAndBackupFirst_NextCallRingsBackupThenSergioFor30s()
    {
        var form = await FormAsync();
        form.Steps[0].RingSeconds = 30;
        form.Steps.Reverse();

        var result = await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        Assert.Equal(LineSaveOutcome.Saved, result.Outcome);
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        Assert.Equal(Backup, first.DialedNumber);
        Assert.Equal("20", first.Dial!.Attribute("timeout")?.Value);
        Assert.Null(first.ScreenUrl);
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        Assert.Equal(Sergio, second.DialedNumber);
        Assert.Equal("30", second.Dial!.Attribute("timeout")?.Value);
        Assert.NotNull(second.ScreenUrl);
    }

    [Fact]
    public async Task Save_Reordered_PeopleReusedWithTheirAvailability()
    {
        await _app.SetAvailableAsync("Sergio", false);
        var people = await _app.DbAsync(db => db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        var form = await FormAsync();
        form.Steps.Reverse();

        await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        var after = await _app.DbAsync(db => db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(people.Select(p => (p.Id, p.Name, p.Available)), after.Select(p => (p.Id, p.Name, p.Available)));
        var steps = await _app.DbAsync(db => db.CascadeSteps.AsNoTracking().Include(s => s.Person).Where(s => s.LineId == "qdn").OrderBy(s => s.Position).ToListAsync());
        Assert.Equal([(0, "Backup"), (1, "Sergio")], steps.Select(s => (s.Position, s.Person.Name)));
    }

    [Fact]
    public async Task Save_SergiosRealNumberReplacesPlaceholder_SamePersonKeepsAvailabilityAndStaffLink()
    {
        await _app.SetAvailableAsync("Sergio", false);
        var staff = await _app.AddUserAsync("sergio@example.com", UserRole.Staff, personName: "Sergio");
        var form = await FormAsync();
        form.Steps[0].Number = "(858) 555-0177";

        await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        var sergio = await _app.DbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Name == "Sergio"));
        Assert.Equal(("+18585550177", false, staff.PersonId), (sergio.Number, sergio.Available, (int?)sergio.Id));
    }

    [Fact]
    public async Task Save_UsStyleNumberAndNewPerson_StoredAsE164AsANewPerson()
    {
        var form = await FormAsync();
        form.Steps.Insert(1, new StepForm { PersonName = " Maria ", Number = "(619) 555-0142", RingSeconds = 15 });

        var result = await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        Assert.Equal(LineSaveOutcome.Saved, result.Outcome);
        var reloaded = (await Editor.LoadAsync("qdn", CancellationToken.None))!.Form;
        Assert.Equal([("Sergio", Sergio), ("Maria", "+16195550142"), ("Backup", Backup)], reloaded.Steps.Select(s => (s.PersonName, s.Number)));
        Assert.True(await _app.DbAsync(db => db.People.AnyAsync(p => p.Name == "Maria" && p.Number == "+16195550142" && p.Available)));
    }

    [Theory]
    [InlineData(0, "Number", "12345", "Steps[0].Number", "Phone number")]
    [InlineData(1, "RingSeconds", "4", "Steps[1].RingSeconds", "Ring seconds")]
    [InlineData(1, "RingSeconds", "601", "Steps[1].RingSeconds", "Ring seconds")]
    [InlineData(0, "PersonName", " ", "Steps[0].PersonName", "Person")]
    public async Task Save_InvalidStep_RefusedNamingTheFieldAndNothingSaved(int step, string property, string value, string field, string named)
    {
        var form = await FormAsync();
        form.Steps.Reverse();
        form.Name = "Renamed";
        var edited = form.Steps[step];
        switch (property)
        {
            case "Number": edited.Number = value; break;
            case "RingSeconds": edited.RingSeconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: edited.PersonName = value; break;
        }

        var result = await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        Assert.Equal(LineSaveOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(named + ":", error.Message, StringComparison.Ordinal);
        Assert.Same(edited, error.Model);
        var stored = (await Editor.LoadAsync("qdn", CancellationToken.None))!.Form;
        Assert.Equal("Queen of San Diego", stored.Name);
        Assert.Equal(["Sergio", "Backup"], stored.Steps.Select(s => s.PersonName));
        Assert.False(await _app.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "line.edited")));
    }

    [Fact]
    public async Task Save_Edited_OneAuditEntryWithBeforeAndAfterAndLiveSignal()
    {
        var feed = _app.Services.GetRequiredService<ConsoleFeed>();
        var signalled = new TaskCompletionSource<LineUpdated>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe(evt =>
        {
            if (evt is LineUpdated line)
            {
                signalled.TrySetResult(line);
            }

            return Task.CompletedTask;
        });
        var form = await FormAsync();
        form.Steps[0].RingSeconds = 30;
        form.GreetingNoAnswer = "Sorry we missed you.";

        await Editor.SaveAsync("qdn", form, Owner, CancellationToken.None);

        var entry = await _app.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "line.edited"));
        Assert.Equal(("Line", "qdn", QdnAppFactory.OwnerEmail, "web", "203.0.113.9"), (entry.EntityType, entry.EntityId, entry.Actor, entry.Source, entry.RemoteAddress));
        Assert.Contains("\"GreetingNoAnswer\":null", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"GreetingNoAnswer\":\"Sorry we missed you.\"", entry.After, StringComparison.Ordinal);
        Assert.Equal(("Sergio", Sergio, 20, true), FirstStep(entry.Before));
        Assert.Equal(("Sergio", Sergio, 30, true), FirstStep(entry.After));
        Assert.Equal("qdn", (await signalled.Task.WaitAsync(TimeSpan.FromSeconds(10))).LineId);
    }

    [Fact]
    public async Task Save_NothingChanged_NoAuditEntry()
    {
        var result = await Editor.SaveAsync("qdn", await FormAsync(), Owner, CancellationToken.None);

        Assert.Equal(LineSaveOutcome.Unchanged, result.Outcome);
        Assert.False(await _app.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "line.edited")));
    }

    [Fact]
    public async Task Save_UnknownLine_NotFound()
    {
        var result = await Editor.SaveAsync("nope", await FormAsync(), Owner, CancellationToken.None);

        Assert.Equal(LineSaveOutcome.NotFound, result.Outcome);
    }

    private static (string?, string?, int, bool) FirstStep(string? snapshot)
    {
        using var json = JsonDocument.Parse(snapshot!);
        var step = json.RootElement.GetProperty("Steps")[0];
        return (step.GetProperty("Person").GetString(), step.GetProperty("Number").GetString(),
            step.GetProperty("RingSeconds").GetInt32(), step.GetProperty("Screen").GetBoolean());
    }

    private async Task<LineForm> FormAsync() => (await Editor.LoadAsync("qdn", CancellationToken.None))!.Form;
}
