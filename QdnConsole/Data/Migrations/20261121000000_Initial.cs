using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QdnConsole.Data.Migrations;

/// <summary>
/// The first schema, hand-written (no dotnet-ef here) in the shape the scaffolder emits.
/// Column types are left to the provider so the same migration can run on PostgreSQL;
/// MigrationsTests proves it builds exactly what the model builds.
/// </summary>
[DbContext(typeof(QdnDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                AtUtc = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(maxLength: 256, nullable: false),
                Source = table.Column<string>(maxLength: 16, nullable: false),
                EntityType = table.Column<string>(maxLength: 64, nullable: false),
                EntityId = table.Column<string>(maxLength: 64, nullable: false),
                Action = table.Column<string>(maxLength: 64, nullable: false),
                Before = table.Column<string>(maxLength: 4000, nullable: true),
                After = table.Column<string>(maxLength: 4000, nullable: true),
                RemoteAddress = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Lines",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                MaintenanceMode = table.Column<bool>(nullable: false),
                MaintenanceMessage = table.Column<string>(maxLength: 500, nullable: true),
                MaintenanceUntilUtc = table.Column<DateTime>(nullable: true),
                MaintenanceChangedBy = table.Column<string>(maxLength: 256, nullable: true),
                MaintenanceChangedAtUtc = table.Column<DateTime>(nullable: true),
                GreetingNoAnswer = table.Column<string>(maxLength: 1000, nullable: true),
                GreetingUnavailable = table.Column<string>(maxLength: 1000, nullable: true),
                GreetingMaintenance = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Lines", x => x.Id));

        migrationBuilder.CreateTable(
            name: "People",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                Available = table.Column<bool>(nullable: false),
                AvailableUntilUtc = table.Column<DateTime>(nullable: true),
                AvailabilityChangedBy = table.Column<string>(maxLength: 256, nullable: true),
                AvailabilityChangedAtUtc = table.Column<DateTime>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_People", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Calls",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CallSid = table.Column<string>(maxLength: 64, nullable: false),
                LineId = table.Column<string>(maxLength: 32, nullable: false),
                From = table.Column<string>(maxLength: 64, nullable: false),
                To = table.Column<string>(maxLength: 64, nullable: false),
                CallerName = table.Column<string>(maxLength: 128, nullable: true),
                StartedAtUtc = table.Column<DateTime>(nullable: false),
                AnsweredAtUtc = table.Column<DateTime>(nullable: true),
                EndedAtUtc = table.Column<DateTime>(nullable: true),
                DurationSeconds = table.Column<int>(nullable: true),
                TwilioStatus = table.Column<string>(maxLength: 32, nullable: true),
                Disposition = table.Column<string>(maxLength: 16, nullable: false),
                AnsweredStepPosition = table.Column<int>(nullable: true),
                AnsweredPersonId = table.Column<int>(nullable: true),
                AnsweredByName = table.Column<string>(maxLength: 100, nullable: true),
                VoicemailReason = table.Column<string>(maxLength: 16, nullable: true),
                IsTest = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Calls", x => x.Id);
                table.ForeignKey(
                    name: "FK_Calls_Lines_LineId",
                    column: x => x.LineId,
                    principalTable: "Lines",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CascadeSteps",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                LineId = table.Column<string>(maxLength: 32, nullable: false),
                Position = table.Column<int>(nullable: false),
                PersonId = table.Column<int>(nullable: false),
                RingSeconds = table.Column<int>(nullable: false),
                Screen = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CascadeSteps", x => x.Id);
                table.ForeignKey(
                    name: "FK_CascadeSteps_Lines_LineId",
                    column: x => x.LineId,
                    principalTable: "Lines",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CascadeSteps_People_PersonId",
                    column: x => x.PersonId,
                    principalTable: "People",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CallEvents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CallId = table.Column<long>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(maxLength: 24, nullable: false),
                StepPosition = table.Column<int>(nullable: true),
                PersonName = table.Column<string>(maxLength: 100, nullable: true),
                Target = table.Column<string>(maxLength: 64, nullable: true),
                Outcome = table.Column<string>(maxLength: 32, nullable: true),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                DurationSeconds = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CallEvents", x => x.Id);
                table.ForeignKey(
                    name: "FK_CallEvents_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: "Calls",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CallRequests",
            columns: table => new
            {
                CallId = table.Column<long>(nullable: false),
                RequestKey = table.Column<string>(maxLength: 64, nullable: false),
                ReceivedAtUtc = table.Column<DateTime>(nullable: false),
                Response = table.Column<string>(maxLength: 8000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CallRequests", x => new { x.CallId, x.RequestKey });
                table.ForeignKey(
                    name: "FK_CallRequests_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: "Calls",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Voicemails",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CallId = table.Column<long>(nullable: false),
                LineId = table.Column<string>(maxLength: 32, nullable: false),
                From = table.Column<string>(maxLength: 64, nullable: false),
                RecordingSid = table.Column<string>(maxLength: 64, nullable: true),
                RecordingUrl = table.Column<string>(maxLength: 500, nullable: true),
                DurationSeconds = table.Column<int>(nullable: true),
                Reason = table.Column<string>(maxLength: 16, nullable: false),
                Greeting = table.Column<string>(maxLength: 1000, nullable: false),
                RecordedAtUtc = table.Column<DateTime>(nullable: false),
                Handled = table.Column<bool>(nullable: false),
                HandledAtUtc = table.Column<DateTime>(nullable: true),
                HandledBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Voicemails", x => x.Id);
                table.ForeignKey(
                    name: "FK_Voicemails_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: "Calls",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_AtUtc",
            table: "AuditEntries",
            column: "AtUtc");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_EntityType_EntityId",
            table: "AuditEntries",
            columns: new[] { "EntityType", "EntityId" });

        migrationBuilder.CreateIndex(
            name: "IX_CallEvents_CallId_Sequence",
            table: "CallEvents",
            columns: new[] { "CallId", "Sequence" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Calls_CallSid",
            table: "Calls",
            column: "CallSid",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Calls_LineId_StartedAtUtc",
            table: "Calls",
            columns: new[] { "LineId", "StartedAtUtc" });

        migrationBuilder.CreateIndex(
            name: "IX_Calls_StartedAtUtc",
            table: "Calls",
            column: "StartedAtUtc");

        migrationBuilder.CreateIndex(
            name: "IX_CascadeSteps_LineId_Position",
            table: "CascadeSteps",
            columns: new[] { "LineId", "Position" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CascadeSteps_PersonId",
            table: "CascadeSteps",
            column: "PersonId");

        migrationBuilder.CreateIndex(
            name: "IX_Lines_Number",
            table: "Lines",
            column: "Number",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_People_Number",
            table: "People",
            column: "Number");

        migrationBuilder.CreateIndex(
            name: "IX_Voicemails_CallId",
            table: "Voicemails",
            column: "CallId");

        migrationBuilder.CreateIndex(
            name: "IX_Voicemails_RecordedAtUtc",
            table: "Voicemails",
            column: "RecordedAtUtc");

        migrationBuilder.CreateIndex(
            name: "IX_Voicemails_RecordingSid",
            table: "Voicemails",
            column: "RecordingSid",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dependents before principals, so no foreign key is left pointing at a dropped table.
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "CallEvents");
        migrationBuilder.DropTable(name: "CallRequests");
        migrationBuilder.DropTable(name: "CascadeSteps");
        migrationBuilder.DropTable(name: "Voicemails");
        migrationBuilder.DropTable(name: "People");
        migrationBuilder.DropTable(name: "Calls");
        migrationBuilder.DropTable(name: "Lines");
    }
}
