using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QdnConsole.Data;

namespace QdnConsole.Features.Lines;

/// <summary>
/// Puts configured lines into an empty store. A line already stored is left alone: after the first start
/// the database (edited from the console) is the source of truth, and configuration only adds new lines.
/// </summary>
public sealed partial class LineSeeder(IOptions<QdnOptions> options, TimeProvider clock, ILogger<LineSeeder> logger) : IDatabaseSeeder
{
    public async Task SeedAsync(QdnDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Lines.Select(l => l.Id).ToListAsync(ct);
        foreach (var configured in options.Value.Lines.Where(l => !stored.Contains(l.Id!)))
        {
            var line = new Line
            {
                Id = configured.Id!,
                Name = configured.Name!,
                Number = configured.Number!,
                TimeZone = configured.TimeZone,
                GreetingNoAnswer = configured.Greetings.NoAnswer,
                GreetingUnavailable = configured.Greetings.Unavailable,
                GreetingMaintenance = configured.Greetings.Maintenance,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            };
            for (var i = 0; i < configured.Steps.Count; i++)
            {
                var step = configured.Steps[i];
                var person = await PersonDirectory.FindOrAddAsync(db, step.Name!, step.Number!, now, ct);
                line.Steps.Add(new CascadeStep { LineId = line.Id, Position = i, Person = person, RingSeconds = step.RingSeconds, Screen = step.Screen });
            }

            db.Lines.Add(line);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now,
                Actor = "configuration",
                Source = "config",
                EntityType = "Line",
                EntityId = line.Id,
                Action = "line.seeded",
                After = JsonSerializer.Serialize(configured),
            });
            LogSeeded(logger, line.Id, configured.Steps.Count);
        }

        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded line {LineId} with {StepCount} steps from configuration")]
    private static partial void LogSeeded(ILogger logger, string lineId, int stepCount);
}
