using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// The real app as its own process (<c>dotnet QdnConsole.dll</c>, the build next to the tests) on a loopback port
/// the OS picks and a given SQLite file, with the tests' fake Twilio credentials and warnings-only logging.
/// A test can kill it as an operator's <c>kill -9</c> would, then start another on the same file.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(string databasePath, IReadOnlyDictionary<string, string>? settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "QdnConsole.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Nothing of the developer's own setup leaks in: only this test's settings reach the app.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("TWILIO_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("QDN", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Qdn"] = $"Data Source={databasePath}";
        start.Environment["TWILIO_AUTH_TOKEN"] = QdnAppFactory.AuthToken;
        start.Environment["TWILIO_ACCOUNT_SID"] = QdnAppFactory.AccountSid;
        start.Environment["QDN_SECRETS_FILE"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "qdn.env");
        start.Environment["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The one information line read here: the address the OS picked.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The app exited while starting:\n{Output}"));
    }

    /// <summary>The running app's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's process id, to look at it from outside as an operator would (<c>/proc</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the app wrote to stdout and stderr so far (warnings and errors only).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the app and waits until it is ready (database included); <paramref name="settings"/> are further
    /// environment variables (e.g. <c>QDN_BATCH_SCHEDULING=0</c>).
    /// </summary>
    public static async Task<AppProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new AppProcess(databasePath, settings);
        try
        {
            app._process.Start();
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            app.BaseAddress = await app._listening.Task.WaitAsync(StartPatience);
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for this app: pass it to <see cref="TwilioWebhookClient"/> for signed webhooks.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL on Linux: no shutdown, no flush, no finally blocks, exactly as <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(StartPatience);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = CreateClient();
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The app never got ready ({(int)response.StatusCode}):\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
