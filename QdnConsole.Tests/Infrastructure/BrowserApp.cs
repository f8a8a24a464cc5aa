namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// The app on real Kestrel at a free loopback port, for a real browser: TestServer has no socket to connect to.
/// Each instance has its own <see cref="QdnAppFactory"/>, so its own throw-away database.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public BrowserApp(Action<QdnAppFactory>? configure = null)
    {
        Factory = new QdnAppFactory();
        configure?.Invoke(Factory);
        try
        {
            // Port 0: the OS picks a free port, so parallel test runs never collide.
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        catch
        {
            // The test never gets this object to dispose; do not leave its temp database behind.
            Factory.Dispose();
            throw;
        }

        BaseUrl = Factory.ClientOptions.BaseAddress.ToString();
    }

    /// <summary>Settings and database of the running app.</summary>
    public QdnAppFactory Factory { get; }

    /// <summary>The running app's services.</summary>
    public IServiceProvider Services => Factory.Services;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string BaseUrl { get; }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
