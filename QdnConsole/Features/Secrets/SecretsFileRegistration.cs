using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace QdnConsole.Features.Secrets;

public static class SecretsFileRegistration
{
    public const string PathKey = "Qdn:SecretsFile";
    public const string PathVariable = "QDN_SECRETS_FILE";
    public const string DefaultPath = "~/.secrets/qdn.env";

    /// <summary>
    /// Adds the secrets file (dotenv, mode 600) to configuration just below the environment variables, so an environment
    /// variable still wins over the file, and the file wins over appsettings. Call it first: everything after reads it.
    /// </summary>
    public static WebApplicationBuilder AddSecretsFile(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var status = new SecretsFileStatus(ResolvePath(builder.Configuration, builder.Environment.ContentRootPath));
        AddBelowEnvironment(builder.Configuration, new SecretsFileSource(status, TimeProvider.System, TwilioReloadCheck.Problems));
        builder.Services.AddSingleton(status);
        return builder;
    }

    /// <summary>QDN_SECRETS_FILE, else Qdn:SecretsFile, else ~/.secrets/qdn.env; '~' is the user's home, relative paths the app's folder.</summary>
    public static string ResolvePath(IConfiguration configuration, string contentRoot)
    {
        var configured = new[] { configuration[PathVariable], configuration[PathKey] }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var path = (configured ?? DefaultPath).Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'));
        }

        return Path.GetFullPath(path, contentRoot);
    }

    /// <summary>Inserts <paramref name="source"/> right before the (unprefixed) environment variables, or last when there are none.</summary>
    public static void AddBelowEnvironment(IConfigurationBuilder configuration, IConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = configuration.Sources;
        var environment = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                environment = i;
            }
        }

        if (environment < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(environment, source);
        }
    }
}
