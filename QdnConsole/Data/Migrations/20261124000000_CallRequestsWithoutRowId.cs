using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>
/// On SQLite, the webhook answers' table becomes one b-tree ordered by its key (<see cref="SqliteWithoutRowId"/>):
/// SQLite cannot change that in place, so the table is rebuilt under a temporary name, every stored answer copied, and
/// renamed back. Other providers have nothing to change.
/// </summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261124000000_CallRequestsWithoutRowId")]
public sealed class CallRequestsWithoutRowId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

    protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

    /// <summary>The table as EF creates it from the model, with <paramref name="options"/> after its definition.</summary>
    private static void Rebuild(MigrationBuilder migrationBuilder, string options)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql(
            "CREATE TABLE \"ef_temp_CallRequests\" (\n" +
            "    \"CallId\" INTEGER NOT NULL,\n" +
            "    \"RequestKey\" TEXT NOT NULL,\n" +
            "    \"ReceivedAtUtc\" TEXT NOT NULL,\n" +
            "    \"Response\" TEXT NOT NULL,\n" +
            "    CONSTRAINT \"PK_CallRequests\" PRIMARY KEY (\"CallId\", \"RequestKey\"),\n" +
            "    CONSTRAINT \"FK_CallRequests_Calls_CallId\" FOREIGN KEY (\"CallId\") REFERENCES \"Calls\" (\"Id\") ON DELETE CASCADE\n" +
            ")" + options + ";");
        migrationBuilder.Sql(
            "INSERT INTO \"ef_temp_CallRequests\" (\"CallId\", \"RequestKey\", \"ReceivedAtUtc\", \"Response\")" +
            " SELECT \"CallId\", \"RequestKey\", \"ReceivedAtUtc\", \"Response\" FROM \"CallRequests\";");
        migrationBuilder.Sql("DROP TABLE \"CallRequests\";");
        migrationBuilder.Sql("ALTER TABLE \"ef_temp_CallRequests\" RENAME TO \"CallRequests\";");
    }
}
