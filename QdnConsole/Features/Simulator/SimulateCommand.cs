using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;
using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Features.Routing;

namespace QdnConsole.Features.Simulator;

/// <summary>
/// <c>simulate</c>: one test call through the real webhooks, printed request by request. Without --url the app is built
/// from the normal configuration (database, lines, token) and started on a free loopback port for the call.
/// </summary>
public static class SimulateCommand
{
    public const int Reached = 0;
    public const int NotReached = 1;
    public const int BadArguments = 2;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out);

    /// <param name="settings">Laid over the normal configuration (tests point it at a throw-away database).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (arguments, error) = SimulateArguments.Parse(args);
        if (arguments is null || arguments.Help)
        {
            await output.WriteLineAsync(error is null ? SimulateArguments.Usage : $"{error}\n\n{SimulateArguments.Usage}");
            return error is null ? Reached : BadArguments;
        }

        await using var app = Build(arguments, settings);
        var started = false;
        try
        {
            if (arguments.Url is null)
            {
                await app.StartAsync(ct);
                started = true;
            }

            return await CallAsync(app, arguments, output, ct);
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or IOException)
        {
            await output.WriteLineAsync($"FAILED: the app could not start: {ex.Message}");
            return NotReached;
        }
        finally
        {
            if (started)
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }

    private static WebApplication Build(SimulateArguments arguments, IReadOnlyDictionary<string, string?>? settings)
    {
        // Named after the app (not whatever process hosts this code), so its static assets and secrets are found as in a normal run.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(Program).Assembly.GetName().Name });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // The transcript owns standard output; the app's own warnings go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        if (arguments.Url is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        return Program.Build(builder);
    }

    private static async Task<int> CallAsync(WebApplication app, SimulateArguments arguments, TextWriter output, CancellationToken ct)
    {
        var lines = await LinesAsync(app, ct);
        var line = arguments.Line is null ? (lines.Count > 0 ? lines[0] : null)
            : lines.FirstOrDefault(l => string.Equals(l.Id, arguments.Line, StringComparison.OrdinalIgnoreCase));
        if (line is null)
        {
            await output.WriteLineAsync($"Unknown line '{arguments.Line}'. Lines: {string.Join(", ", lines.Select(l => l.Id))}.");
            return BadArguments;
        }

        var baseUrl = arguments.Url ?? new Uri(app.Urls.First());
        using var client = new HttpClient { BaseAddress = baseUrl };
        await output.WriteLineAsync($"Test call from {arguments.From} to {line.Name} ({line.Number}) at {baseUrl}");
        var result = await app.Services.GetRequiredService<TwilioSimulator>().RunAsync(
            client, new SimulationRequest(line.Number, arguments.From, arguments.Choices, LeaveMessage: arguments.LeaveMessage), ct);

        foreach (var step in result.Steps)
        {
            var path = Uri.TryCreate(step.Url, UriKind.Absolute, out var url) ? url.PathAndQuery : step.Url;
            await output.WriteLineAsync($"[{(step.Status == 0 ? "---" : step.Status)}] {path} - {step.Note}");
            foreach (var verb in step.Verbs)
            {
                await output.WriteLineAsync($"    {verb}");
            }
        }

        await output.WriteLineAsync($"Call {result.CallSid}: {result.Summary}");
        await output.WriteLineAsync(Disposition(result, arguments.LeaveMessage));
        return result.Lost ? NotReached : Reached;
    }

    private static string Disposition(SimulationResult result, bool leaveMessage) => result.End switch
    {
        SimulationEnd.Person => $"Person: {result.ReachedNumber} answered",
        SimulationEnd.Voicemail => $"Voicemail: greeting '{result.Greeting}'{(leaveMessage ? string.Empty : " (no message left)")}",
        SimulationEnd.CallerHungUp => "Caller hung up",
        SimulationEnd.Lost => "LOST: the call reached neither a person nor our voicemail",
        _ => "FAILED: the call could not go on (the refused request is marked above)",
    };

    /// <summary>Lines as stored (edited in the console), else as configured when the store cannot be read here.</summary>
    private static async Task<IReadOnlyList<CascadeLine>> LinesAsync(WebApplication app, CancellationToken ct)
    {
        var database = DataRegistration.DatabaseFile(app.Configuration, app.Environment.ContentRootPath);
        if (database is not null && File.Exists(database))
        {
            try
            {
                await using var db = await app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>().CreateDbContextAsync(ct);
                if (await app.Services.GetRequiredService<LineStore>().LoadAllAsync(db, ct) is { Count: > 0 } stored)
                {
                    return stored;
                }
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                // Not migrated yet, or not readable from here: fall back to configuration.
            }
        }

        return app.Services.GetRequiredService<LineDirectory>().All;
    }
}
