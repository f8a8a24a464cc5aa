using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace QdnConsole.Tests.Data;

/// <summary>
/// Column facets SQLite's catalog cannot show: it declares every string "TEXT" whatever its max length, and int, long
/// and bool all "INTEGER". PostgreSQL would honor them (varchar(n), integer vs bigint), so they are compared
/// between the model and the columns the migrations' operations leave, in the same "fact → description" shape.
/// </summary>
internal static class MigrationColumns
{
    public static SortedDictionary<string, string> FromModel(DbContext context)
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in context.Model.GetRelationalModel().Tables)
        {
            foreach (var c in table.Columns)
            {
                facts[$"column {table.Name}.{c.Name}"] = Describe(
                    c.ProviderClrType, c.IsNullable, c.MaxLength, c.IsUnicode, c.IsFixedLength, c.Precision, c.Scale, c.DefaultValue ?? c.DefaultValueSql, c.ComputedColumnSql);
            }
        }

        return facts;
    }

    /// <summary>Replays every migration's Up operations, in order, to the columns they leave.</summary>
    public static SortedDictionary<string, string> FromMigrations(DbContext context)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var columns = new Dictionary<(string Table, string Column), ColumnOperation>();
        foreach (var (_, type) in assembly.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            foreach (var operation in assembly.CreateMigration(type, context.Database.ProviderName!).UpOperations)
            {
                Apply(columns, operation);
            }
        }

        return new SortedDictionary<string, string>(
            columns.ToDictionary(
                c => $"column {c.Key.Table}.{c.Key.Column}",
                c => Describe(c.Value.ClrType, c.Value.IsNullable, c.Value.MaxLength, c.Value.IsUnicode, c.Value.IsFixedLength, c.Value.Precision, c.Value.Scale, c.Value.DefaultValue ?? c.Value.DefaultValueSql, c.Value.ComputedColumnSql)),
            StringComparer.Ordinal);
    }

    private static void Apply(Dictionary<(string Table, string Column), ColumnOperation> columns, MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                create.Columns.ForEach(c => columns[(create.Name, c.Name)] = c);
                break;
            case AddColumnOperation add:
                columns[(add.Table, add.Name)] = add;
                break;
            case AlterColumnOperation alter:
                columns[(alter.Table, alter.Name)] = alter;
                break;
            case DropColumnOperation drop:
                columns.Remove((drop.Table, drop.Name));
                break;
            case RenameColumnOperation rename when columns.Remove((rename.Table, rename.Name), out var renamed):
                columns[(rename.Table, rename.NewName)] = renamed;
                break;
            case DropTableOperation or RenameTableOperation:
                var table = operation is DropTableOperation d ? d.Name : ((RenameTableOperation)operation).Name;
                foreach (var key in columns.Keys.Where(k => k.Table == table).ToList())
                {
                    columns.Remove(key, out var column);
                    if (operation is RenameTableOperation { NewName: { } newName })
                    {
                        columns[(newName, key.Column)] = column!;
                    }
                }

                break;
        }
    }

    private static string Describe(
        Type clrType, bool nullable, int? maxLength, bool? unicode, bool? fixedLength, int? precision, int? scale, object? defaultValue, string? computedSql) =>
        $"{(Nullable.GetUnderlyingType(clrType) ?? clrType).Name} {(nullable ? "NULL" : "NOT NULL")} maxLength={maxLength?.ToString() ?? "none"}"
        + (unicode is null ? "" : $" unicode={unicode}")
        + (fixedLength is null or false ? "" : " fixedLength")
        + (precision is null ? "" : $" precision={precision},{scale}")
        + (defaultValue is null ? "" : $" default={defaultValue}")
        + (computedSql is null ? "" : $" computed={computedSql}");
}
