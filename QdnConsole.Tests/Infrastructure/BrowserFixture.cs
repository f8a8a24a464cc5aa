using Microsoft.Playwright;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// One headless Debian chromium per test collection (see <see cref="BrowserCollectionDefinition"/>), driven by Playwright.
/// Playwright's own browser downloads are never used: set QDN_CHROMIUM to use another Chromium build.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutablePathVariable = "QDN_CHROMIUM";
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    // Generous for a busy 2-core CI machine; these bound waits, they never assert a duration.
    public const float TimeoutMs = 30_000;

    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", // CI runs as root, where chromium's sandbox refuses to start.
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutablePathVariable) is { Length: > 0 } path ? path : DefaultExecutablePath;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not initialized.");

    public async Task InitializeAsync()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {executable}, which does not exist. " +
                $"Install it with 'apt-get install chromium' (Debian), or set {ExecutablePathVariable} to a Chromium executable.");
        }

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = LaunchArgs,
            Timeout = TimeoutMs,
        });
    }

    /// <summary>
    /// A page in a fresh browser context (own cookies and storage) resolving relative URLs against <paramref name="baseUrl"/>.
    /// The caller disposes it through <c>page.Context</c>; <see cref="BrowserTest"/> does that for its page.
    /// </summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
