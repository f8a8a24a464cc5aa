using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>
/// Calls are indexed by their bucket, then their CallSid's hash (<see cref="CallSidHash"/>): the bucket is a generated
/// column of the id, computed by the database for every row, old and new, so nothing needs filling in.
/// </summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261123000000_BucketCallSidIndex")]
public sealed class BucketCallSidIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(
            name: "CallSidBucket",
            table: "Calls",
            nullable: false,
            computedColumnSql: "\"Id\" >> 12",
            stored: false);

        migrationBuilder.DropIndex(name: "IX_Calls_CallSidHash", table: "Calls");

        migrationBuilder.CreateIndex(
            name: "IX_Calls_CallSidBucket_CallSidHash",
            table: "Calls",
            columns: ["CallSidBucket", "CallSidHash"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Calls_CallSidBucket_CallSidHash", table: "Calls");

        // Plain SQL, as in IndexCallSidHash's Down: EF's SQLite provider would rebuild the table.
        migrationBuilder.Sql("ALTER TABLE \"Calls\" DROP COLUMN \"CallSidBucket\"");

        migrationBuilder.CreateIndex(
            name: "IX_Calls_CallSidHash",
            table: "Calls",
            column: "CallSidHash");
    }
}
