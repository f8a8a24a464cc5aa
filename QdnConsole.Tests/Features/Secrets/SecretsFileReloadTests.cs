using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Secrets;
using QdnConsole.Features.Twilio;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Secrets;

/// <summary>
/// A changed secrets file is applied while running, unless the change cannot be used: then the credentials in use stay
/// (the webhooks keep working) and /settings says why.
/// </summary>
public sealed class SecretsFileReloadTests : IDisposable
{
    private const string Secondary = "fake-secondary-token-in-use-0000";
    private readonly QdnAppFactory _app = new();

    public SecretsFileReloadTests()
    {
        SecretsFiles.Write(_app.SecretsFilePath, $"TWILIO_AUTH_TOKEN_SECONDARY={Secondary}\n");
        _app.CreateClient().Dispose();
    }

    public void Dispose() => _app.Dispose();

    private TwilioOptions Twilio => _app.Services.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;

    private SecretsFileState State => _app.Services.GetRequiredService<SecretsFileStatus>().Current;

    [Fact]
    public async Task Reload_ValidChange_Applied()
    {
        var applied = SecretsFiles.OptionsApplied(_app.Services, o => o.ApiKey is not null);

        ChangeFile($"TWILIO_AUTH_TOKEN_SECONDARY={Secondary}\nTWILIO_API_KEY={FakeTwilioApi.ApiKey}\nTWILIO_API_SECRET={FakeTwilioApi.ApiSecret}\n");

        await applied;
        Assert.Equal((Secondary, FakeTwilioApi.ApiKey), (Twilio.AuthTokenSecondary, Twilio.ApiKey));
        Assert.Null(State.Error);
    }

    [Fact]
    public async Task Watcher_FileSavedWhileRunning_AppliedWithoutRestart()
    {
        var applied = SecretsFiles.OptionsApplied(_app.Services, o => o.ApiKey is not null);

        SecretsFiles.Write(_app.SecretsFilePath, $"TWILIO_AUTH_TOKEN_SECONDARY={Secondary}\nTWILIO_API_KEY={FakeTwilioApi.ApiKey}\nTWILIO_API_SECRET={FakeTwilioApi.ApiSecret}\n");

        await applied;
        Assert.Equal(FakeTwilioApi.ApiKey, Twilio.ApiKey);
    }

    [Fact]
    public async Task Reload_MalformedApiKey_NotAppliedWebhooksStillWorkSettingsSaysWhy()
    {
        ChangeFile("TWILIO_AUTH_TOKEN_SECONDARY=fake-other-token\nTWILIO_API_KEY=fake-not-a-key-sid\nTWILIO_API_SECRET=fake-api-secret-typo\n");

        Assert.Equal((Secondary, (string?)null), (Twilio.AuthTokenSecondary, Twilio.ApiKey));
        Assert.Contains("was not applied: Twilio:ApiKey (TWILIO_API_KEY) must be 'SK'", State.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-not-a-key-sid", State.Error, StringComparison.Ordinal);
        var webhook = await _app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        Assert.Equal(200, webhook.Status);
        using var owner = await _app.SignedInClientAsync();
        var settings = await owner.GetStringAsync(new Uri("/settings", UriKind.Relative));
        Assert.Contains("Its last change was not applied", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_MadeReadableByOthers_NotAppliedWithChmodFix()
    {
        ChangeFile("TWILIO_AUTH_TOKEN_SECONDARY=fake-other-token\n", SecretsFiles.WorldReadable);

        Assert.Equal(Secondary, Twilio.AuthTokenSecondary);
        Assert.Contains($"chmod 600 {_app.SecretsFilePath}", State.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_MalformedLine_NotAppliedLineNamed()
    {
        ChangeFile("TWILIO_AUTH_TOKEN_SECONDARY=\"fake-unclosed\n");

        Assert.Equal(Secondary, Twilio.AuthTokenSecondary);
        Assert.Contains("line 1:", State.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_FileDeleted_ValuesKeptUntilRestart()
    {
        File.Delete(_app.SecretsFilePath);
        ((IConfigurationRoot)_app.Services.GetRequiredService<IConfiguration>()).Reload();

        Assert.Equal(Secondary, Twilio.AuthTokenSecondary);
        Assert.Contains("is gone", State.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReloadCheck_AuthTokenRemovedFromFile_Refused()
    {
        var problems = TwilioReloadCheck.Problems(
            new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN"] = "fake-token" },
            new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN_SECONDARY"] = "fake-token" });

        Assert.Contains(problems, p => p.Contains("TWILIO_AUTH_TOKEN would be gone", StringComparison.Ordinal));
    }

    // What the file watcher does within seconds, done at once so the test waits on nothing.
    private void ChangeFile(string text, UnixFileMode mode = SecretsFiles.Private)
    {
        SecretsFiles.Write(_app.SecretsFilePath, text, mode);
        ((IConfigurationRoot)_app.Services.GetRequiredService<IConfiguration>()).Reload();
    }
}
