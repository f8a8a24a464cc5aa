using Microsoft.Extensions.Logging.Console;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Secrets;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.TwilioApi;

namespace QdnConsole.Features.TwilioCli;

/// <summary>
/// <c>dotnet run --project QdnConsole -- twilio …</c>: administrative commands against the Twilio account, run with the
/// app's own configuration (appsettings, secrets file, environment) and database, without starting the server.
/// </summary>
public static class TwilioCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <param name="configure">Lets tests point the command at their database and fake Twilio before anything is read.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["help" or "--help" or "-h"] or ["configure", "--help" or "-h"])
        {
            await output.WriteLineAsync(ConfigureArguments.Usage);
            return Ok;
        }

        if (args is not ["configure", ..])
        {
            await error.WriteLineAsync(args.Length == 0 ? "Which twilio command?" : $"Unknown command 'twilio {args[0]}'.");
            await error.WriteLineAsync(ConfigureArguments.Usage);
            return BadArguments;
        }

        var (arguments, problem) = ConfigureArguments.Parse(args[1..]);
        if (arguments is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(ConfigureArguments.Usage);
            return BadArguments;
        }

        try
        {
            await using var app = Build(configure);
            await ActivatorUtilities.CreateInstance<DatabaseInitializer>(app.Services).StartAsync(ct);
            using var scope = app.Services.CreateScope();
            var configurator = ActivatorUtilities.CreateInstance<NumberConfigurator>(scope.ServiceProvider);
            var actor = new Actor($"{Environment.UserName}@{Environment.MachineName}", "cli");
            return await configurator.RunAsync(arguments, actor, output, error, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"twilio configure failed: {ex.Message}");
            return Failed;
        }
    }

    /// <summary>The app's configuration and the services the commands need; the server is never started.</summary>
    private static WebApplication Build(Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // In every environment: a missing registration fails here, with its name, not halfway through a change.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = o.ValidateScopes = true);
        configure?.Invoke(builder);
        builder.AddSecretsFile();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditLog>();
        builder.AddTwilio();
        builder.AddTwilioClients();
        builder.AddLines();
        builder.AddData();
        return builder.Build();
    }
}
