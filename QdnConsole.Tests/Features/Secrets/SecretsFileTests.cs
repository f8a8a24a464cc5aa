using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Reconciliation;
using QdnConsole.Features.Secrets;
using QdnConsole.Features.Twilio;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Secrets;

/// <summary>The dotenv secrets file: private or refused, below the environment, and never echoed.</summary>
public sealed class SecretsFileTests
{
    private const string Secondary = "fake-secondary-token-from-file-0";
    private const string ApiSecret = "fake-api-secret-from-file-000000";

    private static readonly string Contents =
        $"""
        # QDN credentials (fake)
        TWILIO_AUTH_TOKEN_SECONDARY={Secondary}
        export TWILIO_API_KEY={FakeTwilioApi.ApiKey}
        TWILIO_API_SECRET="{ApiSecret}"
        Qdn__Reconciliation__BatchSize=7
        """;

    [Fact]
    public void Start_SecretsFileReadableByOthers_RefusedWithChmodFix()
    {
        using var app = new QdnAppFactory();
        SecretsFiles.Write(app.SecretsFilePath, Contents, SecretsFiles.WorldReadable);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = SecretsFiles.Messages(error);
        Assert.Contains(messages, m => m.Contains($"chmod 600 {app.SecretsFilePath}", StringComparison.Ordinal) && m.Contains("mode 644", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(Secondary, StringComparison.Ordinal) || m.Contains(ApiSecret, StringComparison.Ordinal));
    }

    [Fact]
    public void Start_PrivateSecretsFile_CredentialsLoadedAndDoubleUnderscoreIsSection()
    {
        using var app = new QdnAppFactory();
        SecretsFiles.Write(app.SecretsFilePath, Contents);

        using var client = app.CreateClient();
        var twilio = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var status = app.Services.GetRequiredService<SecretsFileStatus>();

        Assert.Equal((Secondary, FakeTwilioApi.ApiKey, ApiSecret), (twilio.AuthTokenSecondary, twilio.ApiKey, twilio.ApiSecret));
        // The factory's TWILIO_AUTH_TOKEN sits above the file and is untouched by it.
        Assert.Equal(QdnAppFactory.AuthToken, twilio.AuthToken);
        Assert.Equal(7, app.Services.GetRequiredService<IOptions<ReconciliationOptions>>().Value.BatchSize);
        Assert.Equal(app.SecretsFilePath, status.Path);
        Assert.True(status.Current.Found);
        Assert.Equal(["Qdn:Reconciliation:BatchSize", "TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_AUTH_TOKEN_SECONDARY"], status.Current.Keys);
    }

    [Fact]
    public void Start_NoSecretsFile_EnvironmentOnly()
    {
        using var app = new QdnAppFactory();

        using var client = app.CreateClient();

        Assert.False(app.Services.GetRequiredService<SecretsFileStatus>().Current.Found);
        Assert.Equal(QdnAppFactory.AuthToken, app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.AuthToken);
    }

    [Fact]
    public void Start_MalformedLine_RefusedNamingTheLineNotItsValue()
    {
        using var app = new QdnAppFactory();
        SecretsFiles.Write(app.SecretsFilePath, $"TWILIO_API_KEY={FakeTwilioApi.ApiKey}\n\n{ApiSecret}\n");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = SecretsFiles.Messages(error);
        Assert.Contains(messages, m => m.Contains($"{app.SecretsFilePath} cannot be read: line 3: expected KEY=value", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(ApiSecret, StringComparison.Ordinal));
    }

    [Fact]
    public void AddSecretsFile_SameKeyInEnvironmentFileAndAppsettings_EnvironmentWinsThenFile()
    {
        var prefix = "QDNTEST" + Guid.NewGuid().ToString("N");
        var directory = Directory.CreateTempSubdirectory("qdn-secrets-");
        var path = Path.Combine(directory.FullName, "qdn.env");
        SecretsFiles.Write(path, $"{prefix}__Winner=from-file\n{prefix}__FileOverAppsettings=from-file\n");
        Environment.SetEnvironmentVariable($"{prefix}__Winner", "from-environment");
        try
        {
            // The real host builder: appsettings, environment variables, command line, in their real order.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [$"--{SecretsFileRegistration.PathKey}={path}"] });
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { [$"{prefix}:FileOverAppsettings"] = "from-appsettings" },
            });

            builder.AddSecretsFile();

            Assert.Equal("from-environment", builder.Configuration[$"{prefix}:Winner"]);
            Assert.Equal("from-file", builder.Configuration[$"{prefix}:FileOverAppsettings"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{prefix}__Winner", null);
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ResolvePath_Unset_HomeSecretsQdnEnv()
    {
        var configuration = new ConfigurationBuilder().Build();

        var path = SecretsFileRegistration.ResolvePath(configuration, "/srv/qdn");

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".secrets", "qdn.env"), path);
    }

    [Fact]
    public void ResolvePath_ConventionalVariableAndRelativePath_VariableWinsRelativeToApp()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SecretsFileRegistration.PathVariable] = "secrets/qdn.env",
            [SecretsFileRegistration.PathKey] = "/elsewhere/qdn.env",
        }).Build();

        Assert.Equal("/srv/qdn/secrets/qdn.env", SecretsFileRegistration.ResolvePath(configuration, "/srv/qdn"));
    }
}
