using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Lines;
using QdnConsole.Features.LiveFeed;

namespace QdnConsole.Features.Voicemails;

/// <summary>A voicemail as the list shows it: who, where, when (line's zone), why, and whether it was dealt with.</summary>
public sealed record VoicemailRow(
    long Id,
    long CallId,
    string From,
    string? CallerName,
    string LineName,
    DateTime RecordedAtUtc,
    string RecordedLocal,
    int? DurationSeconds,
    VoicemailReason Reason,
    string Greeting,
    bool Handled,
    string? HandledBy,
    string? HandledLocal,
    RecordingAvailability Audio);

public sealed record LineChoice(string Id, string Name);

public sealed record VoicemailList(IReadOnlyList<VoicemailRow> Items, bool HasMore, IReadOnlyList<LineChoice> Lines);

/// <summary>Reads and handles voicemails; a fresh context per operation, never one held by the circuit.</summary>
public sealed class VoicemailInbox(
    IDbContextFactory<QdnDbContext> dbFactory,
    IRecordingSource recordings,
    AuditLog audit,
    ConsoleFeed feed,
    TimeProvider clock)
{
    public const int Shown = 100;

    /// <summary>Newest first; at most <see cref="Shown"/>.</summary>
    public async Task<VoicemailList> ListAsync(bool unhandledOnly, string? lineId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await db.Lines.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name, l.TimeZone }).ToListAsync(ct);
        var query = db.Voicemails.AsNoTracking().Include(v => v.Call).AsQueryable();
        if (unhandledOnly)
        {
            query = query.Where(v => !v.Handled);
        }

        if (!string.IsNullOrEmpty(lineId))
        {
            query = query.Where(v => v.LineId == lineId);
        }

        var found = await query.OrderByDescending(v => v.RecordedAtUtc).ThenByDescending(v => v.Id).Take(Shown + 1).ToListAsync(ct);
        var byId = lines.ToDictionary(l => l.Id);
        var rows = found.Take(Shown).Select(v =>
        {
            var line = byId.GetValueOrDefault(v.LineId);
            return new VoicemailRow(
                v.Id, v.CallId, v.From, v.Call?.CallerName, line?.Name ?? v.LineId,
                v.RecordedAtUtc, LineClock.Format(line?.TimeZone, v.RecordedAtUtc), v.DurationSeconds, v.Reason, v.Greeting,
                v.Handled, v.HandledBy, v.HandledAtUtc is { } at ? LineClock.Format(line?.TimeZone, at) : null,
                recordings.Check(v));
        }).ToList();
        return new VoicemailList(rows, found.Count > Shown, [.. lines.Select(l => new LineChoice(l.Id, l.Name))]);
    }

    /// <summary>Marks a voicemail handled or not, audited in the same save; false when there is no such voicemail.</summary>
    public async Task<bool> SetHandledAsync(long id, bool handled, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var voicemail = await db.Voicemails.Include(v => v.Call).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (voicemail is null)
        {
            return false;
        }

        if (voicemail.Handled == handled)
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = Snapshot(voicemail);
        voicemail.Handled = handled;
        voicemail.HandledBy = handled ? actor.Name : null;
        voicemail.HandledAtUtc = handled ? now : null;
        audit.Record(db, actor, "Voicemail", id.ToString(CultureInfo.InvariantCulture),
            handled ? "voicemail.handled" : "voicemail.unhandled", before, Snapshot(voicemail));
        await db.SaveChangesAsync(ct);
        feed.Publish(new CallUpdated(now, voicemail.CallId, voicemail.Call?.CallSid ?? string.Empty, voicemail.LineId,
            $"Voicemail from {voicemail.From} marked {(handled ? "handled" : "unhandled")} by {actor.Name}"));
        return true;
    }

    public static string Describe(VoicemailReason reason) => reason switch
    {
        VoicemailReason.NoAnswer => "Nobody answered: every phone in the cascade was tried",
        VoicemailReason.Unavailable => "Everyone in the cascade was marked away",
        VoicemailReason.Maintenance => "The line was in maintenance: nobody was rung",
        VoicemailReason.NoCascade => "Nobody is set up to be rung on this line",
        _ => "System trouble: the call took the safe path",
    };

    public static string Duration(int? seconds) => seconds is { } s ? $"{s / 60}:{s % 60:00}" : "unknown length";

    private static object Snapshot(Voicemail v) => new { v.Handled, v.HandledBy, v.HandledAtUtc };
}
