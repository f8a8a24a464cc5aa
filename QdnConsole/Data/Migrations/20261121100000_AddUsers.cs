using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>Console users (local passwords, Google sign-in, invitations) and Data Protection keys.</summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261121100000_AddUsers")]
public sealed class AddUsers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                FriendlyName = table.Column<string>(maxLength: 256, nullable: true),
                Xml = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Email = table.Column<string>(maxLength: 256, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: true),
                Role = table.Column<string>(maxLength: 16, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 500, nullable: true),
                PersonId = table.Column<int>(nullable: true),
                FailedSignIns = table.Column<int>(nullable: false),
                FailureWindowStartUtc = table.Column<DateTime>(nullable: true),
                LockedUntilUtc = table.Column<DateTime>(nullable: true),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                InviteCodeHash = table.Column<string>(maxLength: 128, nullable: true),
                InviteExpiresAtUtc = table.Column<DateTime>(nullable: true),
                InvitedBy = table.Column<string>(maxLength: 256, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                LastSignInAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
                table.ForeignKey(
                    name: "FK_Users_People_PersonId",
                    column: x => x.PersonId,
                    principalTable: "People",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex(name: "IX_Users_Email", table: "Users", column: "Email", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Users_InviteCodeHash", table: "Users", column: "InviteCodeHash");
        migrationBuilder.CreateIndex(name: "IX_Users_PersonId", table: "Users", column: "PersonId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Users");
        migrationBuilder.DropTable(name: "DataProtectionKeys");
    }
}
