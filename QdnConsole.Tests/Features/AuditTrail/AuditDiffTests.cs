using QdnConsole.Features.AuditTrail;

namespace QdnConsole.Tests.Features.AuditTrail;

public sealed class AuditDiffTests
{
    [Fact]
    public void Compare_FlatSnapshots_ChangedAndUnchangedFieldsInOrder()
    {
        var diff = AuditDiff.Compare(
            """{"Handled":false,"HandledBy":null,"Note":"same"}""",
            """{"Handled":true,"HandledBy":"staff@example.com","Note":"same"}""");

        Assert.False(diff.IsRaw);
        Assert.Equal(
            [new("Handled", "false", "true", FieldChangeKind.Changed), new("HandledBy", null, "staff@example.com", FieldChangeKind.Changed)],
            diff.Changes);
        Assert.Equal([new FieldChange("Note", "same", "same", FieldChangeKind.Unchanged)], diff.Unchanged);
    }

    [Fact]
    public void Compare_ReorderedList_ShowsEachPositionThatChanged()
    {
        var diff = AuditDiff.Compare(
            """{"Steps":[{"Person":"Sergio","RingSeconds":20},{"Person":"Backup","RingSeconds":20}]}""",
            """{"Steps":[{"Person":"Backup","RingSeconds":20},{"Person":"Sergio","RingSeconds":30},{"Person":"Maria","RingSeconds":15}]}""");

        Assert.Equal(
            ["Steps[0].Person: Sergio → Backup", "Steps[1].Person: Backup → Sergio", "Steps[1].RingSeconds: 20 → 30",
             "Steps[2].Person: (added) → Maria", "Steps[2].RingSeconds: (added) → 15"],
            diff.Changes.Select(c => $"{c.Field}: {(c.Kind == FieldChangeKind.Added ? "(added)" : c.Before)} → {c.After}"));
        Assert.Equal(["Steps[0].RingSeconds"], diff.Unchanged.Select(f => f.Field));
    }

    [Fact]
    public void Compare_OnlyAfter_EveryFieldAdded()
    {
        var diff = AuditDiff.Compare(null, """{"Id":"qdn","Steps":[]}""");

        Assert.Equal([("Id", FieldChangeKind.Added), ("Steps", FieldChangeKind.Added)], diff.Fields.Select(f => (f.Field, f.Kind)));
        Assert.Equal("(empty list)", diff.Fields[1].After);
    }

    [Fact]
    public void Compare_RemovedField_MarkedRemoved()
    {
        var diff = AuditDiff.Compare("""{"A":1,"B":2}""", """{"A":1}""");

        Assert.Equal([new FieldChange("B", "2", null, FieldChangeKind.Removed)], diff.Changes);
    }

    [Fact]
    public void Compare_ClippedJson_FallsBackToRawText()
    {
        var diff = AuditDiff.Compare("""{"Name":"Queen""", """{"Name":"Queen of San Diego"}""");

        Assert.True(diff.IsRaw);
        Assert.Equal("""{"Name":"Queen""", diff.RawBefore);
        Assert.Empty(diff.Fields);
    }
}
