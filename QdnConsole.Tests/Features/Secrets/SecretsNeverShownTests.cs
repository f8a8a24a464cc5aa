using QdnConsole.Tests.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Secrets;

/// <summary>
/// With every credential set (from the secrets file and the environment) and every page, health endpoint and REST path
/// used, including failing ones, no secret value appears in what the app logged or served.
/// </summary>
public sealed class SecretsNeverShownTests : FakeTwilioAppTest<QdnAppFactory>
{
    private const string Secondary = "fake-secondary-token-never-shown";
    private const string ApiSecret = "fake-api-secret-never-shown-0000";

    // The API key and secret come from the secrets file, not from the test's settings.
    protected override void Configure(QdnAppFactory app)
    {
        app.With("Twilio:ApiBaseUrl", FakeTwilio.BaseUrl);
        SecretsFiles.Write(app.SecretsFilePath,
            $"TWILIO_AUTH_TOKEN_SECONDARY={Secondary}\nTWILIO_API_KEY={FakeTwilioApi.ApiKey}\nTWILIO_API_SECRET='{ApiSecret}'\n");
    }

    [Fact]
    public async Task EveryPageAndLog_AllCredentialsSetAndUsed_NoSecretValue()
    {
        var playable = await App.LeaveVoicemailAsync();
        var deleted = await App.LeaveVoicemailAsync();
        var failing = await App.LeaveVoicemailAsync();
        FakeTwilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{playable.RecordingSid}.mp3", FakeReply.Audio(TwilioFixtures.SilentMp3(2)));
        FakeTwilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{failing.RecordingSid}.mp3", FakeReply.Error(500, 20500, "Internal error"));
        using var owner = await App.SignedInClientAsync();
        using var visitor = App.Browserless();
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
        Assert.Contains(FakeTwilio.Requests, r => r.User == FakeTwilioApi.ApiKey && r.Password == ApiSecret);
        Assert.Contains(App.Logs.Lines, l => l.Contains("Twilio refused", StringComparison.Ordinal));
        foreach (var secret in new[] { Secondary, ApiSecret, QdnAppFactory.AuthToken })
        {
            Assert.DoesNotContain(App.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(served, s => s.Contains(secret, StringComparison.Ordinal));
        }
    }
}
