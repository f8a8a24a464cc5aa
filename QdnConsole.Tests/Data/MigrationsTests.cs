using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Data;

/// <summary>
/// The migrations are hand-written, so these prove they build exactly what the model builds.
/// Contexts are created without ignoring PendingModelChangesWarning: with no model snapshot EF skips that check
/// (it logs ModelSnapshotNotFound), so Migrate() must work without the suppression.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Migrations_AppliedToEmptyDatabase_ProduceTheModelsSchema()
    {
        using var migrated = new TempDatabase("migrations");
        using var created = new TempDatabase("migrations");
        using (var db = migrated.NewContext())
        {
            db.Database.Migrate();
        }

        using (var db = created.NewContext())
        {
            db.Database.EnsureCreated();
        }

        var model = SqliteSchema.Read(created.Path);
        Assert.Contains("column Calls.CallSid", model.Keys);
        Assert.Equal(WithoutRowIdTable, model["table CallRequests"]);
        Assert.Equal("AUTOINCREMENT", model["table Calls"]);
        AssertSame(model, SqliteSchema.Read(migrated.Path), "The migrated schema differs from the model's (EnsureCreated)");
    }

    /// <summary>SQLite rebuilds a table to make it WITHOUT ROWID: every stored answer must come through, both ways.</summary>
    [Fact]
    public void CallRequestsRebuild_KeepsEveryStoredAnswer_UpAndDown()
    {
        const string before = "20261123000000_BucketCallSidIndex";
        using var database = new TempDatabase("migrations");
        using var db = database.NewContext();
        var migrator = db.GetService<IMigrator>();
        migrator.Migrate(before);
        db.Database.ExecuteSqlRaw("""
            INSERT INTO "Lines" ("Id", "Name", "Number", "TimeZone", "MaintenanceMode", "CreatedAtUtc", "UpdatedAtUtc")
            VALUES ('qdn', 'QDN', '+18585550100', 'America/Los_Angeles', 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
            INSERT INTO "Calls" ("Id", "CallSid", "LineId", "From", "To", "StartedAtUtc", "Disposition", "IsTest", "CallSidHash")
            VALUES (7, 'CA00000000000000000000000000000007', 'qdn', '+16195550199', '+18585550100', '2026-11-01 10:00:00', 'Answered', 0, 7);
            INSERT INTO "CallRequests" ("CallId", "RequestKey", "ReceivedAtUtc", "Response")
            VALUES (7, 'inbound-call', '2026-11-01 10:00:00', '<Response><Dial>+18583354807</Dial></Response>'),
                   (7, 'dial-result:0:no-answer', '2026-11-01 10:00:20', '<Response><Hangup/></Response>');
            """);
        var stored = Answers(db);
        Assert.Equal(2, stored.Count);
        Assert.Equal(RowidTable, CallRequestsTable(database));

        migrator.Migrate();
        Assert.Equal(WithoutRowIdTable, CallRequestsTable(database));
        Assert.Equal(stored, Answers(db));
        // Still the same key, still tied to its call: a second answer to one request and an orphan are both refused.
        Assert.Throws<SqliteException>(() => db.Database.ExecuteSqlRaw(
            "INSERT INTO \"CallRequests\" VALUES (7, 'inbound-call', '2026-11-01 10:01:00', '<Response/>')"));
        Assert.Throws<SqliteException>(() => db.Database.ExecuteSqlRaw(
            "INSERT INTO \"CallRequests\" VALUES (8, 'inbound-call', '2026-11-01 10:01:00', '<Response/>')"));

        migrator.Migrate(before);
        Assert.Equal(RowidTable, CallRequestsTable(database));
        Assert.Equal(stored, Answers(db));
    }

    private static List<string> Answers(QdnDbContext db) =>
        [.. db.CallRequests.AsNoTracking().OrderBy(r => r.RequestKey).Select(r => $"{r.CallId} {r.RequestKey} {r.ReceivedAtUtc:O} {r.Response}")];

    private const string RowidTable = "no AUTOINCREMENT";

    private const string WithoutRowIdTable = "no AUTOINCREMENT, WITHOUT ROWID";

    /// <summary>How the schema reader (the one the schema comparisons use) describes the answers' table.</summary>
    private static string CallRequestsTable(TempDatabase database) => SqliteSchema.Read(database.Path)["table CallRequests"];

    [Fact]
    public void Migrations_ColumnTypesLengthsAndNullability_MatchTheModel()
    {
        using var database = new TempDatabase("migrations");
        using var db = database.NewContext();

        var model = MigrationColumns.FromModel(db);
        Assert.Contains("column Calls.CallSid", model.Keys);
        AssertSame(model, MigrationColumns.FromMigrations(db), "The migrations' columns differ from the model's");
    }

    [Fact]
    public void Migrations_AppliedTwice_AreIdempotent()
    {
        using var database = new TempDatabase("migrations");
        using (var db = database.NewContext())
        {
            db.Database.Migrate();
        }

        var once = SqliteSchema.Read(database.Path);
        using (var db = database.NewContext())
        {
            db.Database.Migrate();
            Assert.Equal(db.Database.GetMigrations(), db.Database.GetAppliedMigrations());
        }

        AssertSame(once, SqliteSchema.Read(database.Path), "A second Migrate() changed the schema");
    }

    [Fact]
    public void Migrate_OnEmptyDatabase_AppliesEveryMigrationAndLeavesNonePending()
    {
        using var database = new TempDatabase("migrations");
        using var db = database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations, db.Database.GetPendingMigrations());

        db.Database.Migrate();

        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Equal(migrations, db.Database.GetAppliedMigrations());
    }

    [Fact]
    public void Migrations_RolledBackToZero_LeaveNoAppTables()
    {
        using var database = new TempDatabase("migrations");
        using (var db = database.NewContext())
        {
            db.Database.Migrate();
            db.GetService<IMigrator>().Migrate(Migration.InitialDatabase);
            Assert.Empty(db.Database.GetAppliedMigrations());
        }

        AssertSame(new Dictionary<string, string>(), SqliteSchema.Read(database.Path), "Rolling every migration back left schema behind");
    }

    private static void AssertSame(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string heading)
    {
        var differences = new List<string>();
        foreach (var key in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var inExpected = expected.TryGetValue(key, out var e);
            var inActual = actual.TryGetValue(key, out var a);
            if (!inActual)
            {
                differences.Add($"  missing  {key}: expected {e}");
            }
            else if (!inExpected)
            {
                differences.Add($"  extra    {key}: {a}");
            }
            else if (e != a)
            {
                differences.Add($"  differs  {key}: expected {e}, got {a}");
            }
        }

        Assert.True(differences.Count == 0, $"{heading} ({differences.Count} mismatches):\n{string.Join('\n', differences)}");
    }
}
