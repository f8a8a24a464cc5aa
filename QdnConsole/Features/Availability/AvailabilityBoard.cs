using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Availability;

/// <summary>What the user typed but has not applied yet, for one switch.</summary>
public sealed class AvailabilityDraft
{
    /// <summary>Wall-clock time in the line's zone ("until 17:00"); null means no automatic switch-back.</summary>
    public DateTime? Until { get; set; }

    /// <summary>Maintenance only: what callers hear. Starts as the stored message.</summary>
    public string? Message { get; set; }

    internal bool Synced { get; set; }

    internal string? StoredMessage { get; set; }

    public (DateTime? Utc, string? Error) UntilUtc(CascadeLine line) =>
        Until is { } local ? LineClock.FromLocal(line.TimeZone, local) : (null, null);
}

/// <summary>
/// The availability page's own state between renders: drafts, switches waiting for their command, and the
/// last message per switch. Kept out of the markup so the page stays readable.
/// </summary>
public sealed class AvailabilityBoard
{
    private readonly Dictionary<string, AvailabilityDraft> _maintenance = [];
    private readonly Dictionary<int, AvailabilityDraft> _people = [];
    private readonly Dictionary<string, (bool Value, int Count)> _pending = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly Dictionary<string, string> _notes = [];

    public AvailabilityDraft Maintenance(CascadeLine line) => Draft(_maintenance, line.Id);

    /// <summary>One draft per person: the same person on two lines is the same switch.</summary>
    public AvailabilityDraft Person(CascadeStepState step) => Draft(_people, step.PersonId);

    /// <summary>Takes in a fresh read: a stored maintenance message replaces the draft only when it changed.</summary>
    public void Sync(IEnumerable<CascadeLine> lines)
    {
        foreach (var line in lines)
        {
            var draft = Maintenance(line);
            if (!draft.Synced || draft.StoredMessage != line.Maintenance.Message)
            {
                draft.Message = draft.StoredMessage = line.Maintenance.Message;
                draft.Synced = true;
            }
        }
    }

    /// <summary>The next moment a stored "until" switches something back, if any is still ahead.</summary>
    public static DateTime? NextUntil(IEnumerable<CascadeLine> lines, DateTime nowUtc) =>
        lines.SelectMany(l => l.Steps.Select(s => s.AvailableUntilUtc).Append(l.Maintenance.UntilUtc))
            .Where(u => u > nowUtc)
            .Min();

    public static string PersonKey(int personId) => $"person:{personId}";

    public static string MaintenanceKey(string lineId) => $"maintenance:{lineId}";

    /// <summary>The state a tapped switch shows while its command runs; null when none is running.</summary>
    public bool? Pending(string key) => _pending.TryGetValue(key, out var pending) ? pending.Value : null;

    public void BeginPending(string key, bool value) =>
        _pending[key] = (value, (_pending.TryGetValue(key, out var p) ? p.Count : 0) + 1);

    /// <summary>Only the last of several quick taps on one switch lets go of the shown state.</summary>
    public void EndPending(string key)
    {
        if (_pending.TryGetValue(key, out var p))
        {
            if (p.Count <= 1)
            {
                _pending.Remove(key);
            }
            else
            {
                _pending[key] = (p.Value, p.Count - 1);
            }
        }
    }

    public string? ErrorFor(string id) => _errors.GetValueOrDefault(id);

    public string? NoteFor(string id) => _notes.GetValueOrDefault(id);

    /// <summary>A new change starts: its switch's old error goes, and so does every note (only the latest is news).</summary>
    public void ClearMessages(string id)
    {
        _errors.Remove(id);
        _notes.Clear();
    }

    /// <summary>Shows the outcome by the switch; an applied "until" is done with, so its field empties.</summary>
    public void Report(string id, CommandResult result, AvailabilityDraft draft)
    {
        ClearMessages(id);
        if (result.Succeeded)
        {
            _notes[id] = result.Message;
            draft.Until = null;
        }
        else
        {
            _errors[id] = result.Message;
        }
    }

    private static AvailabilityDraft Draft<TKey>(Dictionary<TKey, AvailabilityDraft> drafts, TKey key)
        where TKey : notnull
    {
        if (!drafts.TryGetValue(key, out var draft))
        {
            drafts[key] = draft = new AvailabilityDraft();
        }

        return draft;
    }
}
