using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using QdnConsole.Features.TwilioCli;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TwilioCli;

/// <summary>
/// <c>twilio configure</c> end to end: the command builds its own host from configuration (pointed at the test's database
/// and a fake Twilio), reconfigures the line's number with the account credentials, and audits it.
/// </summary>
public sealed class TwilioConfigureCommandTests : FakeTwilioAppTest<QdnAppFactory>
{
    private const string NumberSid = "PN55555555555555555555555555555555";
    private static readonly string NumbersPath = $"{FakeTwilioApi.AccountPath}/IncomingPhoneNumbers.json";
    private static readonly string NumberPath = $"{FakeTwilioApi.AccountPath}/IncomingPhoneNumbers/{NumberSid}.json";

    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    protected override void Configure(QdnAppFactory app)
    {
        FakeTwilio.On("GET", NumbersPath, FakeReply.Json(new
        {
            incoming_phone_numbers = new[] { TwilioFixtures.IncomingNumber(NumberSid, TwilioWebhookClient.LineNumber, "https://demo.twilio.com/welcome/voice/", null, null, "GET") },
            next_page_uri = (string?)null,
        }));
        FakeTwilio.On("POST", NumberPath, r => FakeReply.Json(TwilioFixtures.IncomingNumber(
            NumberSid, TwilioWebhookClient.LineNumber, r.Form["VoiceUrl"], r.Form["VoiceFallbackUrl"], r.Form["StatusCallback"], r.Form["VoiceMethod"])));
        app.CreateClient().Dispose(); // the app's start creates and seeds the database the command uses
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _output.Dispose();
            _error.Dispose();
        }
    }

    [Fact]
    public async Task Configure_LineAndPublicUrl_SetsThreeUrlsWithAccountCredentialsAndAudits()
    {
        var exit = await RunAsync("configure", "--line", "qdn", "--public-url", "https://qdn.example.org/");

        Assert.Equal(TwilioCommand.Ok, exit);
        var update = Assert.Single(FakeTwilio.Requests, r => r.Method == "POST");
        Assert.Equal(NumberPath, update.Path);
        Assert.Equal((QdnAppFactory.AccountSid, QdnAppFactory.AuthToken), (update.User, update.Password));
        Assert.Equal(("https://qdn.example.org/twilio/inbound-call", "POST"), (update.Form["VoiceUrl"], update.Form["VoiceMethod"]));
        Assert.Equal(("https://qdn.example.org/twilio/fallback", "POST"), (update.Form["VoiceFallbackUrl"], update.Form["VoiceFallbackMethod"]));
        Assert.Equal(("https://qdn.example.org/twilio/call-status", "POST"), (update.Form["StatusCallback"], update.Form["StatusCallbackMethod"]));
        Assert.Equal(TwilioWebhookClient.LineNumber, Assert.Single(FakeTwilio.Requests, r => r.Method == "GET").Query["PhoneNumber"]);

        var output = _output.ToString();
        Assert.Contains("using the ACCOUNT credentials (account SID …0000 + auth token), not the API key", output, StringComparison.Ordinal);
        Assert.Contains("Voice URL        GET https://demo.twilio.com/welcome/voice/", output, StringComparison.Ordinal);
        Assert.Contains("Voice URL        POST https://qdn.example.org/twilio/inbound-call", output, StringComparison.Ordinal);
        Assert.Contains("Status callback  POST https://qdn.example.org/twilio/call-status", output, StringComparison.Ordinal);
        Assert.DoesNotContain(QdnAppFactory.AuthToken, output + _error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilioApi.ApiSecret, output + _error, StringComparison.Ordinal);

        var entry = await App.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == NumberConfigurator.AuditAction));
        Assert.Equal(("cli", NumberConfigurator.AuditEntityType, TwilioWebhookClient.LineNumber), (entry.Source, entry.EntityType, entry.EntityId));
        Assert.Contains("https://demo.twilio.com/welcome/voice/", entry.Before, StringComparison.Ordinal);
        Assert.Contains("https://qdn.example.org/twilio/inbound-call", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_DryRun_ShowsChangeButChangesNothing()
    {
        var exit = await RunAsync("configure", "--line=qdn", "--public-url=https://qdn.example.org", "--dry-run");

        Assert.Equal(TwilioCommand.Ok, exit);
        Assert.DoesNotContain(FakeTwilio.Requests, r => r.Method == "POST");
        Assert.Contains("Would set (dry run, nothing changed)", _output.ToString(), StringComparison.Ordinal);
        Assert.False(await App.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == NumberConfigurator.AuditAction)));
    }

    [Fact]
    public async Task Configure_PublicUrlFromConfiguration_UsedWhenNotGiven()
    {
        var exit = await RunAsync(["configure", "--line", "qdn"], ("Qdn:PublicBaseUrl", "https://console.example.org"));

        Assert.Equal(TwilioCommand.Ok, exit);
        Assert.Equal("https://console.example.org/twilio/inbound-call", Assert.Single(FakeTwilio.Requests, r => r.Method == "POST").Form["VoiceUrl"]);
    }

    [Fact]
    public async Task Configure_UnknownLine_BadArgumentsListingLines()
    {
        var exit = await RunAsync("configure", "--line", "nope", "--public-url", "https://qdn.example.org");

        Assert.Equal(TwilioCommand.BadArguments, exit);
        Assert.Contains("There is no line 'nope'. Lines: qdn.", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(FakeTwilio.Requests);
    }

    [Fact]
    public async Task Configure_NumberNotOnAccount_Fails()
    {
        FakeTwilio.On("GET", NumbersPath, FakeReply.Json(new { incoming_phone_numbers = Array.Empty<object>(), next_page_uri = (string?)null }));

        var exit = await RunAsync("configure", "--line", "qdn", "--public-url", "https://qdn.example.org");

        Assert.Equal(TwilioCommand.Failed, exit);
        Assert.Contains($"The number {TwilioWebhookClient.LineNumber} is not on Twilio account …0000.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_TwilioRefusesCredentials_FailsWithTwilioMessage()
    {
        FakeTwilio.On("GET", NumbersPath, FakeReply.Error(401, 20003, "Authenticate"));

        var exit = await RunAsync("configure", "--line", "qdn", "--public-url", "https://qdn.example.org");

        Assert.Equal(TwilioCommand.Failed, exit);
        Assert.Contains("Authenticate (Twilio error 20003, HTTP 401", _error.ToString(), StringComparison.Ordinal);
        Assert.False(await App.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == NumberConfigurator.AuditAction)));
    }

    [Fact]
    public async Task Configure_NoAuthToken_FailsNamingTheAccountCredentials()
    {
        var exit = await RunAsync(["configure", "--line", "qdn", "--public-url", "https://qdn.example.org"], ("TWILIO_AUTH_TOKEN", ""), ("Twilio:AuthToken", ""));

        Assert.Equal(TwilioCommand.Failed, exit);
        Assert.Contains("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(FakeTwilio.Requests);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("configure")]
    [InlineData("configure", "--line")]
    [InlineData("configure", "--line", "--public-url", "https://qdn.example.org")]
    [InlineData("configure", "--line", "qdn", "--public-url", "not a url")]
    [InlineData("configure", "--line", "qdn", "--public-url", "https://qdn.example.org/?x=1")]
    [InlineData("configure", "--line", "qdn", "--verbose")]
    public async Task Twilio_BadArguments_Exit2WithUsage(params string[] args)
    {
        var exit = await TwilioCommand.RunAsync(args, _output, _error);

        Assert.Equal(TwilioCommand.BadArguments, exit);
        Assert.Contains("Usage: dotnet run --project QdnConsole -- twilio configure", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(FakeTwilio.Requests);
    }

    [Fact]
    public async Task Twilio_Help_UsageAndExit0()
    {
        Assert.Equal(TwilioCommand.Ok, await TwilioCommand.RunAsync(["--help"], _output, _error));
        Assert.Contains("uses the ACCOUNT credentials", _output.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(args, []);

    private Task<int> RunAsync(string[] args, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Qdn"] = $"Data Source={App.DatabasePath}",
            ["Qdn:SecretsFile"] = App.SecretsFilePath,
            ["QDN_SECRETS_FILE"] = App.SecretsFilePath,
            ["TWILIO_ACCOUNT_SID"] = QdnAppFactory.AccountSid,
            ["TWILIO_AUTH_TOKEN"] = QdnAppFactory.AuthToken,
            // An API key is configured too: the admin command must still use the account credentials.
            ["TWILIO_API_KEY"] = FakeTwilioApi.ApiKey,
            ["TWILIO_API_SECRET"] = FakeTwilioApi.ApiSecret,
            ["Twilio:ApiBaseUrl"] = FakeTwilio.BaseUrl,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        // Added last, so above the developer's own environment variables.
        return TwilioCommand.RunAsync(args, _output, _error, builder => builder.Configuration.AddInMemoryCollection(settings));
    }
}
