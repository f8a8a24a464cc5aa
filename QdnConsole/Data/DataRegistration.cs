using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QdnConsole.Data;

public static class DataRegistration
{
    public const string DefaultConnectionString = "Data Source=App_Data/qdn.db";

    /// <summary>On unless set to false: <see cref="CoalescingWalVfs"/>.</summary>
    public const string CoalesceLogWritesSetting = "Qdn:Sqlite:CoalesceLogWrites";

    private static readonly SqlitePragmas Pragmas = new();

    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var connectionString = PrepareSqlite(ConfiguredConnectionString(builder.Configuration), builder.Environment.ContentRootPath);
        if (builder.Configuration.GetValue(CoalesceLogWritesSetting, true))
        {
            // Process-wide, before any connection opens: each transaction reaches the write-ahead log in one write.
            CoalescingWalVfs.Register();
        }

        // Migrations are hand-written without a model snapshot (EF then skips its pending-changes check);
        // QdnConsole.Tests/Data proves they build exactly the model's schema.
        // Features add their own interceptors as IInterceptor services (e.g. Lines: saved line changes reload routing's copy).
        builder.Services.AddDbContextFactory<QdnDbContext>((services, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(Pragmas)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddSingleton<IDatabaseSeeder, CallSidHashBackfill>();
        builder.Services.AddSingleton<WalCheckpointer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WalCheckpointer>());
        return builder;
    }

    /// <summary>The connection string that may create the database file (the app's own opens an existing file only).</summary>
    public static string CreateMode(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.Mode == SqliteOpenMode.ReadWrite)
        {
            sqlite.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        return sqlite.ToString();
    }

    /// <summary>The full path of the SQLite file the app uses, or null when the database lives in memory.</summary>
    public static string? DatabaseFile(IConfiguration configuration, string contentRoot) =>
        DatabaseFile(new SqliteConnectionStringBuilder(ConfiguredConnectionString(configuration)), contentRoot);

    private static string ConfiguredConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Qdn") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    private static string? DatabaseFile(SqliteConnectionStringBuilder sqlite, string contentRoot) =>
        sqlite.DataSource is { Length: > 0 } file && file != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory
            ? Path.IsPathRooted(file) ? file : Path.Combine(contentRoot, file)
            : null;

    /// <summary>Makes a relative SQLite path relative to the app, creates its folder, and waits on a busy database.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (DatabaseFile(sqlite, contentRoot) is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            sqlite.DataSource = path;
            if (!connectionString.Contains("Mode", StringComparison.OrdinalIgnoreCase))
            {
                // Only DatabaseInitializer creates the file (CreateMode). Anything else opening a missing database
                // fails instead of creating an empty one in its place, which would hide the real file when it is
                // restored and swallow the calls "stored" meanwhile.
                sqlite.Mode = SqliteOpenMode.ReadWrite;
            }
        }

        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            // Seconds a command waits for another writer before failing (then the safe call path answers).
            sqlite.DefaultTimeout = 5;
        }

        return sqlite.ToString();
    }
}
