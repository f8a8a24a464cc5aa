using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace QdnConsole.Data;

/// <summary>
/// Tables SQLite keeps as one b-tree ordered by their primary key (<c>WITHOUT ROWID</c>) instead of a rowid table
/// plus a separate index of that key. A webhook's answer (CallRequests, keyed by call and request) is written once per
/// request and only ever read by that key, so the second b-tree was pure cost: every commit wrote a page of it, and
/// every insert searched it (bench/README, eighth round: about 6 % more webhooks per second). Rows stay in key order,
/// and a call's ids only grow, so the table still fills at its end.
/// <para>
/// EF has no such table option: entity types marked with <see cref="IsWithoutRowId{T}"/> get it from
/// <see cref="Generator"/> when EF creates the tables from the model (EnsureCreated), and the hand-written migration
/// (<c>CallRequestsWithoutRowId</c>) rebuilds the table the same way; the migration tests prove both agree. Other
/// providers ignore the mark.
/// </para>
/// </summary>
public static class SqliteWithoutRowId
{
    /// <summary>The model annotation marking an entity type's table.</summary>
    public const string Annotation = "Qdn:SqliteWithoutRowId";

    /// <summary>Marks the entity type's table to be created <c>WITHOUT ROWID</c> on SQLite (it must have a primary key).</summary>
    public static EntityTypeBuilder<T> IsWithoutRowId<T>(this EntityTypeBuilder<T> entity)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.HasAnnotation(Annotation, true);
    }

    /// <summary>SQLite's migrations SQL generator, appending <c>WITHOUT ROWID</c> to the tables so marked.</summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is the provider's public generator; its dependencies type is pubternal.
    public sealed class Generator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
        : SqliteMigrationsSqlGenerator(dependencies, annotations)
#pragma warning restore EF1001
    {
        protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
        {
            if (!IsMarked(model, operation.Name, operation.Schema))
            {
                base.Generate(operation, model, builder, terminate);
                return;
            }

            base.Generate(operation, model, builder, terminate: false);
            builder.Append(" WITHOUT ROWID");
            if (terminate)
            {
                builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
                EndStatement(builder);
            }
        }

        private static bool IsMarked(IModel? model, string table, string? schema) =>
            model?.GetRelationalModel().FindTable(table, schema) is { } found
            && found.EntityTypeMappings.Any(m => m.TypeBase.FindAnnotation(Annotation)?.Value is true);
    }
}
