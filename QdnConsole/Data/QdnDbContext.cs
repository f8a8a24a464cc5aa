using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace QdnConsole.Data;

/// <summary>
/// The store. Provider-neutral on purpose (no SQLite-only SQL): times are UTC <see cref="DateTime"/>,
/// enums are strings, every string has a length, so a PostgreSQL provider can take the same model.
/// </summary>
public sealed class QdnDbContext(DbContextOptions<QdnDbContext> options) : DbContext(options)
{
    public DbSet<Line> Lines => Set<Line>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<CascadeStep> CascadeSteps => Set<CascadeStep>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<CallEvent> CallEvents => Set<CallEvent>();

    public DbSet<CallRequest> CallRequests => Set<CallRequest>();

    public DbSet<Voicemail> Voicemails => Set<Voicemail>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<User> Users => Set<User>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Every SQLite context, the app's and the tests' alike, creates the tables marked WITHOUT ROWID the same way.
#pragma warning disable EF1001 // UseSqlite's options extension: the one way to tell the provider here.
        if (optionsBuilder.Options.FindExtension<SqliteOptionsExtension>() is not null)
#pragma warning restore EF1001
        {
            optionsBuilder.ReplaceService<IMigrationsSqlGenerator, SqliteWithoutRowId.Generator>();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<CallDisposition>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<VoicemailReason>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CallEventKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Line>(line =>
        {
            line.Property(l => l.Id).HasMaxLength(32);
            line.Property(l => l.Name).HasMaxLength(100);
            line.Property(l => l.Number).HasMaxLength(16);
            line.Property(l => l.TimeZone).HasMaxLength(64);
            line.Property(l => l.MaintenanceMessage).HasMaxLength(500);
            line.Property(l => l.MaintenanceChangedBy).HasMaxLength(256);
            line.Property(l => l.GreetingNoAnswer).HasMaxLength(1000);
            line.Property(l => l.GreetingUnavailable).HasMaxLength(1000);
            line.Property(l => l.GreetingMaintenance).HasMaxLength(1000);
            line.HasIndex(l => l.Number).IsUnique();
            line.HasMany(l => l.Steps).WithOne().HasForeignKey(s => s.LineId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.Property(p => p.Name).HasMaxLength(100);
            person.Property(p => p.Number).HasMaxLength(16);
            person.Property(p => p.Email).HasMaxLength(256);
            person.Property(p => p.AvailabilityChangedBy).HasMaxLength(256);
            person.HasIndex(p => p.Number);
        });

        modelBuilder.Entity<CascadeStep>(step =>
        {
            step.Property(s => s.LineId).HasMaxLength(32);
            step.HasIndex(s => new { s.LineId, s.Position }).IsUnique();
            step.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Call>(call =>
        {
            call.Property(c => c.CallSid).HasMaxLength(64);
            call.Property(c => c.LineId).HasMaxLength(32);
            call.Property(c => c.From).HasMaxLength(64);
            call.Property(c => c.To).HasMaxLength(64);
            call.Property(c => c.CallerName).HasMaxLength(128);
            call.Property(c => c.TwilioStatus).HasMaxLength(32);
            call.Property(c => c.AnsweredByName).HasMaxLength(100);
            // Found by the hash and the text (Call.CallSidHash). Not unique: two CallSids may share a hash, and the one
            // writer of calls (CallWriter) refuses a CallSid stored already, in the transaction that would add it.
            // 0 is the column's default for rows added without it (CallSidHashBackfill keys them at start).
            call.Property(c => c.CallSidHash).HasDefaultValue(0L);
            // Indexed within the call's bucket (a generated column of its id, Data.CallSidHash): new calls land in the
            // newest bucket's small corner of the index, not anywhere in it.
            call.Property<long>(CallSidHash.BucketColumn).HasComputedColumnSql(CallSidHash.BucketSql, stored: false);
            call.HasIndex(CallSidHash.BucketColumn, nameof(Call.CallSidHash));
            // Every history, board and reconciliation read orders by start time within a line, or merges the lines'
            // orders (CallsAcrossLines): no index over all calls' start times for the webhook's writer to keep.
            call.HasIndex(c => new { c.LineId, c.StartedAtUtc });
            call.HasOne<Line>().WithMany().HasForeignKey(c => c.LineId).OnDelete(DeleteBehavior.Restrict);
            call.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CallEvent>(evt =>
        {
            evt.Property(e => e.PersonName).HasMaxLength(100);
            evt.Property(e => e.Target).HasMaxLength(64);
            evt.Property(e => e.Outcome).HasMaxLength(32);
            evt.Property(e => e.Reason).HasMaxLength(500);
            evt.HasIndex(e => new { e.CallId, e.Sequence }).IsUnique();
        });

        modelBuilder.Entity<CallRequest>(request =>
        {
            request.HasKey(r => new { r.CallId, r.RequestKey });
            request.IsWithoutRowId();
            request.Property(r => r.RequestKey).HasMaxLength(64);
            request.Property(r => r.Response).HasMaxLength(8000);
            request.HasOne(r => r.Call).WithMany().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Voicemail>(voicemail =>
        {
            voicemail.Property(v => v.LineId).HasMaxLength(32);
            voicemail.Property(v => v.From).HasMaxLength(64);
            voicemail.Property(v => v.RecordingSid).HasMaxLength(64);
            voicemail.Property(v => v.RecordingUrl).HasMaxLength(500);
            voicemail.Property(v => v.Greeting).HasMaxLength(1000);
            voicemail.Property(v => v.HandledBy).HasMaxLength(256);
            voicemail.HasIndex(v => v.RecordingSid).IsUnique();
            voicemail.HasIndex(v => v.CallId);
            voicemail.HasIndex(v => v.RecordedAtUtc);
            voicemail.HasOne(v => v.Call).WithMany().HasForeignKey(v => v.CallId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.Property(a => a.Actor).HasMaxLength(256);
            audit.Property(a => a.Source).HasMaxLength(16);
            audit.Property(a => a.EntityType).HasMaxLength(64);
            audit.Property(a => a.EntityId).HasMaxLength(64);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Before).HasMaxLength(4000);
            audit.Property(a => a.After).HasMaxLength(4000);
            audit.Property(a => a.RemoteAddress).HasMaxLength(64);
            audit.HasIndex(a => a.AtUtc);
            audit.HasIndex(a => new { a.EntityType, a.EntityId });
        });

        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Email).HasMaxLength(256);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.PasswordHash).HasMaxLength(500);
            user.Property(u => u.SecurityStamp).HasMaxLength(64);
            user.Property(u => u.InviteCodeHash).HasMaxLength(128);
            user.Property(u => u.InvitedBy).HasMaxLength(256);
            user.HasIndex(u => u.Email).IsUnique();
            user.HasIndex(u => u.InviteCodeHash);
            user.HasOne(u => u.Person).WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<DataProtectionKey>(key => key.Property(k => k.FriendlyName).HasMaxLength(256));
    }
}

/// <summary>Stores UTC and reads back as UTC (SQLite keeps no kind; PostgreSQL's timestamptz insists on it).</summary>
internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
