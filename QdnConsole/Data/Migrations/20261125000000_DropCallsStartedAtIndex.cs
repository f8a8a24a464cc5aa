using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>
/// Calls lose their index on the start time alone: reads across lines merge each line's order from
/// IX_Calls_LineId_StartedAtUtc (<see cref="CallsAcrossLines"/>), so the one writer keeps one b-tree fewer per call.
/// </summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261125000000_DropCallsStartedAtIndex")]
public sealed class DropCallsStartedAtIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: "IX_Calls_StartedAtUtc", table: "Calls");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex(name: "IX_Calls_StartedAtUtc", table: "Calls", column: "StartedAtUtc");
}
