using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QdnConsole.Data;
using QdnConsole.Features.Voicemails;

namespace QdnConsole.Features.Recordings;

/// <summary>"Qdn:Recordings": the on-disk cache of recordings fetched from Twilio.</summary>
public sealed class RecordingsOptions
{
    public const string Section = "Qdn:Recordings";

    /// <summary>Size cap of the cache; 0 keeps nothing on disk.</summary>
    public int CacheMegabytes { get; set; } = 200;

    /// <summary>Where the cache lives; default a "recordings" folder beside the database.</summary>
    public string? CacheFolder { get; set; }
}

public static class RecordingsRegistration
{
    public static WebApplicationBuilder AddRecordings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RecordingsOptions>().BindConfiguration(RecordingsOptions.Section)
            .Validate(o => o.CacheMegabytes >= 0, "Qdn:Recordings:CacheMegabytes must be 0 (no cache) or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<RecordingsOptions>>().Value;
            var folder = options.CacheFolder is { Length: > 0 } configured
                ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
                : BesideDatabase(services.GetRequiredService<IDbContextFactory<QdnDbContext>>());
            return new RecordingCache(folder, options.CacheMegabytes * 1024L * 1024L, services.GetRequiredService<TimeProvider>());
        });
        // Replaces the "not configured" source (registered with TryAdd by the Voicemails feature).
        builder.Services.AddSingleton<IRecordingSource, TwilioRecordingSource>();
        return builder;
    }

    private static string BesideDatabase(IDbContextFactory<QdnDbContext> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var directory = file is { Length: > 0 } && file != ":memory:" ? Path.GetDirectoryName(Path.GetFullPath(file)) : null;
        return Path.Combine(directory ?? Path.GetTempPath(), "recordings");
    }
}
