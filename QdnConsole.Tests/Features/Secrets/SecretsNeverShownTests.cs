using QdnConsole.Tests.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Secrets;

/// <summary>
/// With every credential set (from the secrets file and the environment) and every page, health endpoint and REST path
/// used, including failing ones, no secret value appears in what the app logged or served.
/// </summary>
public sealed class SecretsNeverShownTests : IAsyncLifetime, IDisposable
{
    private const string Secondary = "fake-secondary-token-never-shown";
    private const string ApiSecret = "fake-api-secret-never-shown-0000";

    private readonly QdnAppFactory _app = new();
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilioApi.StartAsync();
        _app.With("Twilio:ApiBaseUrl", _twilio.BaseUrl);
        SecretsFiles.Write(_app.SecretsFilePath,
            $"TWILIO_AUTH_TOKEN_SECONDARY={Secondary}\nTWILIO_API_KEY={FakeTwilioApi.ApiKey}\nTWILIO_API_SECRET='{ApiSecret}'\n");
    }

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryPageAndLog_AllCredentialsSetAndUsed_NoSecretValue()
    {
        var playable = await _app.LeaveVoicemailAsync();
        var deleted = await _app.LeaveVoicemailAsync();
        var failing = await _app.LeaveVoicemailAsync();
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{playable.RecordingSid}.mp3", FakeReply.Audio(TwilioFixtures.SilentMp3(2)));
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{failing.RecordingSid}.mp3", FakeReply.Error(500, 20500, "Internal error"));
        using var owner = await _app.SignedInClientAsync();
        using var visitor = _app.Browserless();
        var served = new List<string>();

        foreach (var path in new[] { "/", "/settings", "/voicemails", "/audit", "/availability", "/lines", "/users", "/healthz", "/healthz/ready" })
        {
            using var page = await owner.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(page.IsSuccessStatusCode, $"{path}: {(int)page.StatusCode}");
            served.Add(await page.Content.ReadAsStringAsync());
            using var anonymous = await visitor.GetAsync(new Uri(path, UriKind.Relative));
            served.Add(await anonymous.Content.ReadAsStringAsync());
        }

        foreach (var voicemail in new[] { playable, deleted, failing })
        {
            using var audio = await owner.GetAsync(new Uri($"/voicemails/{voicemail.Id}/audio", UriKind.Relative));
            served.Add(audio.Content.Headers.ContentType?.MediaType == "audio/mpeg" ? "" : await audio.Content.ReadAsStringAsync());
        }

        served.Add(await owner.GetStringAsync(new Uri("/voicemails", UriKind.Relative)));

        // The file's credentials were really used: Twilio saw the API key from the file.
        Assert.Contains(_twilio.Requests, r => r.User == FakeTwilioApi.ApiKey && r.Password == ApiSecret);
        Assert.Contains(_app.Logs.Lines, l => l.Contains("Twilio refused", StringComparison.Ordinal));
        foreach (var secret in new[] { Secondary, ApiSecret, QdnAppFactory.AuthToken })
        {
            Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(served, s => s.Contains(secret, StringComparison.Ordinal));
        }
    }
}
