using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Lines;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.LineEditor;

/// <summary>A line opened for editing: what can be edited, and what is shown but configured elsewhere.</summary>
public sealed record LineEditModel(string Id, string Number, string TimeZone, LineForm Form);

public enum LineSaveOutcome
{
    Saved,
    Unchanged,
    Invalid,
    NotFound,
}

public sealed record LineSaveResult(LineSaveOutcome Outcome, IReadOnlyList<LineFormError> Errors)
{
    public static LineSaveResult Of(LineSaveOutcome outcome) => new(outcome, []);
}

/// <summary>
/// Loads a line into a <see cref="LineForm"/> and saves it back as one transaction with its audit entry. Calls read
/// the line per webhook, so the next call uses the saved cascade.
/// </summary>
public sealed class LineEditService(
    IDbContextFactory<QdnDbContext> dbFactory,
    LineStore lines,
    AuditLog audit,
    ConsoleFeed feed,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<CascadeLine>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await lines.LoadAllAsync(db, ct);
    }

    public async Task<LineEditModel?> LoadAsync(string lineId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var line = await WithSteps(db.Lines.AsNoTracking()).FirstOrDefaultAsync(l => l.Id == lineId, ct);
        return line is null ? null : new LineEditModel(line.Id, line.Number, line.TimeZone, new LineForm
        {
            Name = line.Name,
            GreetingNoAnswer = line.GreetingNoAnswer,
            GreetingUnavailable = line.GreetingUnavailable,
            GreetingMaintenance = line.GreetingMaintenance,
            Steps = [.. line.Steps.OrderBy(s => s.Position).Select(s => new StepForm
            {
                PersonId = s.PersonId,
                PersonName = s.Person.Name,
                Number = s.Person.Number,
                RingSeconds = s.RingSeconds,
                Screen = s.Screen,
            })],
        });
    }

    /// <summary>Validates, then rewrites the line and its steps in order, audited, in one transaction. Nothing is saved when invalid.</summary>
    public async Task<LineSaveResult> SaveAsync(string lineId, LineForm form, Actor actor, CancellationToken ct)
    {
        var errors = LineFormRules.Validate(form);
        if (errors.Count > 0)
        {
            return new LineSaveResult(LineSaveOutcome.Invalid, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var line = await WithSteps(db.Lines).FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return LineSaveResult.Of(LineSaveOutcome.NotFound);
        }

        var stored = line.Steps.OrderBy(s => s.Position).ToList();
        var before = Snapshot.Of(line.Name, line.GreetingNoAnswer, line.GreetingUnavailable, line.GreetingMaintenance,
            stored.Select(s => new StepSnapshot(s.Person.Name, s.Person.Number, s.RingSeconds, s.Screen)));
        var after = Snapshot.Of(form.Name!.Trim(), Greeting(form.GreetingNoAnswer), Greeting(form.GreetingUnavailable), Greeting(form.GreetingMaintenance),
            form.Steps.Select(s => new StepSnapshot(s.PersonName!.Trim(), PhoneNumbers.Normalize(s.Number)!, s.RingSeconds, s.Screen)));
        if (before.ToJson() == after.ToJson())
        {
            return LineSaveResult.Of(LineSaveOutcome.Unchanged);
        }

        // The old steps go first, in their own statement, so no new position ever meets an old one on (LineId, Position).
        db.CascadeSteps.RemoveRange(stored);
        await db.SaveChangesAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        line.Name = after.Name;
        line.GreetingNoAnswer = after.GreetingNoAnswer;
        line.GreetingUnavailable = after.GreetingUnavailable;
        line.GreetingMaintenance = after.GreetingMaintenance;
        line.UpdatedAtUtc = now;
        for (var position = 0; position < after.Steps.Count; position++)
        {
            var step = after.Steps[position];
            var person = await SamePersonAsync(db, form.Steps[position].PersonId, step, ct)
                ?? await PersonDirectory.FindOrAddAsync(db, step.Person, step.Number, now, ct);
            db.CascadeSteps.Add(new CascadeStep { LineId = line.Id, Position = position, Person = person, RingSeconds = step.RingSeconds, Screen = step.Screen });
        }

        audit.Record(db, actor, "Line", line.Id, "line.edited", before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        try
        {
            // Refresh the in-memory last known good line too, so even the safe path rings the new cascade.
            await lines.LoadAsync(db, line.Id, null, ct);
        }
        catch (DbException)
        {
            // Saved all the same; the next call's read refreshes it.
        }

        feed.Publish(new LineUpdated(now, line.Id, $"{after.Name}: line and cascade edited by {actor.Name}"));
        return LineSaveResult.Of(LineSaveOutcome.Saved);
    }

    /// <summary>
    /// The row's original person when the name is unchanged: a new number is that person's new phone (everywhere they
    /// are rung), and their availability and linked staff account stay with them.
    /// </summary>
    private static async Task<Person?> SamePersonAsync(QdnDbContext db, int? personId, StepSnapshot step, CancellationToken ct)
    {
        if (personId is not { } id || await db.People.FindAsync([id], ct) is not { } person || person.Name != step.Person)
        {
            return null;
        }

        person.Number = step.Number;
        return person;
    }

    private static IQueryable<Line> WithSteps(IQueryable<Line> query) => query.Include(l => l.Steps).ThenInclude(s => s.Person);

    /// <summary>Empty means the built-in text.</summary>
    private static string? Greeting(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The audited view of a line: its editable fields and its steps in order.</summary>
    private sealed record Snapshot(string Name, string? GreetingNoAnswer, string? GreetingUnavailable, string? GreetingMaintenance, IReadOnlyList<StepSnapshot> Steps)
    {
        public static Snapshot Of(string name, string? noAnswer, string? unavailable, string? maintenance, IEnumerable<StepSnapshot> steps) =>
            new(name, noAnswer, unavailable, maintenance, [.. steps]);

        public string ToJson() => JsonSerializer.Serialize(this);
    }

    private sealed record StepSnapshot(string Person, string Number, int RingSeconds, bool Screen);
}
