using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>
/// The webhook writes its rows with hand-written SQL, not through EF: these prove that SQL covers exactly the model's
/// columns, so a column added to the model cannot be silently left empty by the hot path.
/// </summary>
public sealed class CallSqlTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<Type, string[]> Inserts() => new()
    {
        { typeof(Call), CallSql.InsertCallParameters },
        { typeof(CallEvent), CallSql.InsertEventParameters },
        { typeof(Voicemail), CallSql.InsertVoicemailParameters },
        { typeof(CallRequest), CallSql.InsertRequestParameters },
    };

    [Theory]
    [MemberData(nameof(Inserts))]
    public void Insert_WritesEveryColumnButGeneratedOnes(Type entity, string[] written) =>
        Assert.Equal(Columns(entity).Where(c => !c.GeneratedKey && !c.Computed).Select(c => c.Name).Order(), written.Order());

    /// <summary>Every column the Call entity maps: the computed index bucket lives only in the database.</summary>
    [Fact]
    public void Select_ReadsEveryCallColumn() =>
        Assert.Equal(Columns(typeof(Call)).Where(c => !c.Computed).Select(c => c.Name).Order(), CallSql.SelectCallColumns.Order());

    [Fact]
    public void TheOnlyComputedCallColumn_IsTheIndexBucket() =>
        Assert.Equal([CallSidHash.BucketColumn], Columns(typeof(Call)).Where(c => c.Computed).Select(c => c.Name));

    [Fact]
    public void Update_ChangesOnlyWhatAWebhookMayChange()
    {
        var changeable = CallSql.UpdateCallParameters.Skip(1).ToHashSet();

        Assert.Subset(Columns(typeof(Call)).Select(c => c.Name).ToHashSet(), changeable);
        Assert.Empty(changeable.Intersect(["Id", "CallSid", "LineId", "From", "To", "StartedAtUtc", "IsTest"]));
    }

    private List<Column> Columns(Type entity)
    {
        using var db = _app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>().CreateDbContext();
        var type = db.Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!);
        return [.. type.GetProperties().Select(p => new Column(
            p.GetColumnName(table)!, p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never, p.GetComputedColumnSql() is not null))];
    }

    private sealed record Column(string Name, bool GeneratedKey, bool Computed);
}
