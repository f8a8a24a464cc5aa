namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// Base for tests of the app against a fake Twilio REST API: each test gets its own app (<typeparamref name="TApp"/>)
/// and its own <see cref="FakeTwilioApi"/>, the app pointed at it with the fake API key unless <see cref="Configure"/> says otherwise.
/// </summary>
public abstract class FakeTwilioAppTest<TApp> : IAsyncLifetime, IDisposable
    where TApp : QdnAppFactory, new()
{
    protected TApp App { get; } = new();

    protected FakeTwilioApi FakeTwilio { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        FakeTwilio = await FakeTwilioApi.StartAsync();
        Configure(App);
    }

    public async Task DisposeAsync() => await FakeTwilio.DisposeAsync();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs before the app starts (its first request or service); set configuration and files here.</summary>
    protected virtual void Configure(TApp app) => app.UseFakeTwilio(FakeTwilio);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            App.Dispose();
        }
    }
}
