using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>
/// Calls are found by a 64-bit hash of their CallSid instead of the text (<see cref="CallSidHash"/>): the column
/// starts at 0 and the first start after this migration keys the stored calls (<see cref="CallSidHashBackfill"/>).
/// </summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261122000000_IndexCallSidHash")]
public sealed class IndexCallSidHash : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(
            name: "CallSidHash",
            table: "Calls",
            nullable: false,
            defaultValue: 0L);

        migrationBuilder.DropIndex(name: "IX_Calls_CallSid", table: "Calls");

        migrationBuilder.CreateIndex(
            name: "IX_Calls_CallSidHash",
            table: "Calls",
            column: "CallSidHash");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Calls_CallSidHash", table: "Calls");

        // Plain SQL: EF's SQLite provider rebuilds a table to drop a column, which needs the target model these
        // hand-written migrations do not carry; SQLite (3.35+) and PostgreSQL both drop a column directly.
        migrationBuilder.Sql("ALTER TABLE \"Calls\" DROP COLUMN \"CallSidHash\"");

        migrationBuilder.CreateIndex(
            name: "IX_Calls_CallSid",
            table: "Calls",
            column: "CallSid",
            unique: true);
    }
}
