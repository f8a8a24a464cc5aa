using System.Text.Json;

namespace QdnConsole.Features.AuditTrail;

public enum FieldChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>One field of a snapshot, before and after (null: absent or JSON null).</summary>
public sealed record FieldChange(string Field, string? Before, string? After, FieldChangeKind Kind);

/// <summary>The per-field comparison, or the raw texts when a snapshot is not JSON (e.g. clipped at the length limit).</summary>
public sealed record AuditDiffResult(IReadOnlyList<FieldChange> Fields, bool IsRaw, string? RawBefore = null, string? RawAfter = null)
{
    public IEnumerable<FieldChange> Changes => Fields.Where(f => f.Kind != FieldChangeKind.Unchanged);

    public IEnumerable<FieldChange> Unchanged => Fields.Where(f => f.Kind == FieldChangeKind.Unchanged);
}

/// <summary>
/// Compares two JSON snapshots field by field. Nested objects and lists are flattened to paths
/// (<c>Steps[1].RingSeconds</c>), so a reordered cascade shows exactly which positions changed.
/// </summary>
public static class AuditDiff
{
    public static AuditDiffResult Compare(string? before, string? after)
    {
        if (!TryFlatten(before, out var old) || !TryFlatten(after, out var @new))
        {
            return new AuditDiffResult([], IsRaw: true, before, after);
        }

        var fields = new List<FieldChange>();
        foreach (var (field, value) in old)
        {
            if (!@new.TryGetValue(field, out var next))
            {
                fields.Add(new(field, value, null, FieldChangeKind.Removed));
            }
            else
            {
                fields.Add(new(field, value, next, value == next ? FieldChangeKind.Unchanged : FieldChangeKind.Changed));
            }
        }

        fields.AddRange(@new.Where(kv => !old.ContainsKey(kv.Key)).Select(kv => new FieldChange(kv.Key, null, kv.Value, FieldChangeKind.Added)));
        return new AuditDiffResult(fields, IsRaw: false);
    }

    /// <summary>Ordered path → value text; no snapshot at all is an empty set of fields.</summary>
    private static bool TryFlatten(string? json, out OrderedDictionary<string, string?> fields)
    {
        fields = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Flatten(document.RootElement, string.Empty, fields);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Flatten(JsonElement element, string path, OrderedDictionary<string, string?> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                fields[Name(path)] = "(empty list)";
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{index++}]", fields);
                }

                break;
            case JsonValueKind.String:
                fields[Name(path)] = element.GetString();
                break;
            case JsonValueKind.Null:
                fields[Name(path)] = null;
                break;
            default:
                fields[Name(path)] = element.GetRawText();
                break;
        }
    }

    private static string Name(string path) => path.Length == 0 ? "value" : path;
}
