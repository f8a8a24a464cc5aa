using System.Text.Json;
using QdnConsole.Data;

namespace QdnConsole.Features.Audit;

/// <summary>Who acted, and from where: the console (web), the API, SMS, configuration, the system itself.</summary>
public sealed record Actor(string Name, string Source, string? RemoteAddress = null)
{
    public static Actor System { get; } = new("system", "system");
}

/// <summary>
/// Adds an audit entry to the caller's unit of work, so the change and its record commit together or not at all.
/// Before and after are JSON snapshots of what changed.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    private const int MaxJson = 4000;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public AuditEntry Record(QdnDbContext db, Actor actor, string entityType, string entityId, string action, object? before, object? after)
    {
        var entry = new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = Clip(actor.Name, 256)!,
            Source = Clip(actor.Source, 16)!,
            RemoteAddress = Clip(actor.RemoteAddress, 64),
            EntityType = Clip(entityType, 64)!,
            EntityId = Clip(entityId, 64)!,
            Action = Clip(action, 64)!,
            Before = before is null ? null : Clip(JsonSerializer.Serialize(before, Json), MaxJson),
            After = after is null ? null : Clip(JsonSerializer.Serialize(after, Json), MaxJson),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
