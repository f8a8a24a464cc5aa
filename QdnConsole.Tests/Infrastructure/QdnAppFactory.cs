using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using QdnConsole.Features.Operations;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// The app on its own throw-away SQLite file, with obviously fake Twilio credentials.
/// Each instance is isolated: tests never share data.
/// </summary>
public class QdnAppFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "fake-auth-token-for-tests-000000";
    public const string AccountSid = "AC00000000000000000000000000000000";
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "fake-owner-password-1";

    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    static QdnAppFactory()
    {
        // The factory runs the app's Main inside the test process, where it would switch the test runner's own threads
        // to batch scheduling; the processes tests start (the app as its own process, the browser) would inherit that.
        Environment.SetEnvironmentVariable(BatchScheduling.Variable, "0");
    }

    public QdnAppFactory()
        : this(NewDirectory(), ownsDirectory: true)
    {
    }

    private QdnAppFactory(string directory, bool ownsDirectory)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "qdn.db");
        _settings["ConnectionStrings:Qdn"] = $"Data Source={DatabasePath}";
        // Both spellings, so a developer's own TWILIO_* environment variables never leak into a test.
        _settings["Twilio:AuthToken"] = _settings["TWILIO_AUTH_TOKEN"] = AuthToken;
        _settings["Twilio:AccountSid"] = _settings["TWILIO_ACCOUNT_SID"] = AccountSid;
        // The secrets file is this test's own (absent unless the test writes it): a developer's ~/.secrets/qdn.env never leaks in.
        SecretsFilePath = Path.Combine(_directory, "qdn.env");
        _settings["Qdn:SecretsFile"] = _settings["QDN_SECRETS_FILE"] = SecretsFilePath;
        // A closed loopback port: no test ever reaches the real Twilio; tests that need the REST API point this at FakeTwilioApi.
        _settings["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9";
        _settings["Qdn:Owner:Email"] = OwnerEmail;
        _settings["Qdn:Owner:Password"] = OwnerPassword;
    }

    /// <summary>
    /// An app on the files already in <paramref name="directory"/> (database, secrets file), as after a restart.
    /// The directory outlives this app: whoever made it deletes it. (Not a constructor: xunit class fixtures need exactly one.)
    /// </summary>
    public static QdnAppFactory On(string directory) => new(directory, ownsDirectory: false);

    /// <summary>A fresh folder for one test's files, under the temp folder's qdn-tests.</summary>
    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "qdn-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath { get; }

    /// <summary>Where this app looks for its secrets file (nothing there unless the test writes it).</summary>
    public string SecretsFilePath { get; }

    /// <summary>What the app logged so far.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Replaces the store with bytes SQLite refuses ("file is not a database"), as a corrupted or swapped file would be.</summary>
    public void MakeDatabaseUnusable()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        File.WriteAllText(DatabasePath, new string('x', 8192));
    }

    /// <summary>No account SID, so no REST credentials: recordings and reconciliation are off (webhooks still verified).</summary>
    public QdnAppFactory WithoutRestCredentials() => With("TWILIO_ACCOUNT_SID", "").With("Twilio:AccountSid", "");

    /// <summary>Overrides one configuration key before the app starts.</summary>
    public QdnAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Outside Development the host ignores the build's static web assets manifest, so the compressed copies
        // MapStaticAssets offers a browser (under obj/, not wwwroot/) would come back as empty 200s.
        builder.UseStaticWebAssets();
        // UseSetting (not ConfigureAppConfiguration) so the values are visible while Program.cs builds the app.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!_ownsDirectory)
            {
                return;
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left to the OS temp cleaner; it holds only fake data.
            }
        }
    }
}
