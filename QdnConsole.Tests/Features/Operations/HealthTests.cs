using System.Net;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Operations;

public sealed class HealthTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Healthz_ShippedDefaults_LiveAndReady()
    {
        using var client = _app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative)));
    }

    [Fact]
    public async Task Ready_DatabaseUnusable_503WhileLivenessStaysUp()
    {
        using var client = _app.CreateClient();
        _app.MakeDatabaseUnusable();

        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (ready.StatusCode, live.StatusCode));
    }

    [Fact]
    public async Task Ready_WithoutTwilioToken_DegradedButServing()
    {
        using var app = new QdnAppFactory().With("Twilio:AuthToken", "").With("TWILIO_AUTH_TOKEN", "");
        using var client = app.CreateClient();

        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }
}
