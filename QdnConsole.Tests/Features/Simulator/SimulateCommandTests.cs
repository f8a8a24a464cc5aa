using QdnConsole.Features.Simulator;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>The simulate command, run in-process: its transcript, and its exit code as a script would see it.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private const string Token = "cli-test-auth-token";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qdn-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        _output.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_InProcessNoAnswerThenBusy_PrintsEachRequestAndTheVoicemail()
    {
        var exit = await SimulateCommand.RunAsync(["--line", "qdn", "--outcomes", "no-answer,busy"], _output, Settings());

        var output = _output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("[200] /twilio/inbound-call - Incoming call from +16195550199 to +18585550100", output, StringComparison.Ordinal);
        Assert.Contains("    Dial +18585550101 (20 s, screened)", output, StringComparison.Ordinal);
        Assert.Contains("[200] /twilio/dial-result?line=qdn&step=0 - Dial ended: +18585550101 did not answer (no-answer, bridged false)", output, StringComparison.Ordinal);
        Assert.Contains("Dial ended: +18583354807 was busy (busy, bridged false)", output, StringComparison.Ordinal);
        Assert.Contains("[200] /twilio/call-status - The call ended: status callback", output, StringComparison.Ordinal);
        Assert.EndsWith(
            "Voicemail: greeting 'Thank you for calling Queen of San Diego. Nobody could take your call right now. "
            + "Please leave your name, number and a short message after the beep, and we will call you back.'" + Environment.NewLine,
            output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_InProcessAnswered_ReachesSergioAndStoresATestCall()
    {
        var exit = await SimulateCommand.RunAsync(["--outcomes", "answered", "--from", "+16195550123"], _output, Settings());

        Assert.Equal(0, exit);
        Assert.Contains("Person: +18585550101 answered", _output.ToString(), StringComparison.Ordinal);
        using var stored = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "qdn.db")}");
        stored.Open();
        using var query = stored.CreateCommand();
        query.CommandText = "SELECT IsTest FROM Calls WHERE \"From\" = '+16195550123'";
        Assert.Equal(1L, query.ExecuteScalar());
    }

    [Fact]
    public async Task Simulate_UnscreenedStepAndItsVoicemailPicksUp_LostExit1()
    {
        // A deliberately broken line: Sergio's step is not screened, so his phone's own voicemail takes the call.
        var settings = Settings();
        settings["Qdn:Lines:0:Steps:0:Screen"] = "false";

        var exit = await SimulateCommand.RunAsync(["--line", "qdn", "--outcomes", "voicemail-picks-up"], _output, settings);

        Assert.Equal(1, exit);
        Assert.Contains("LOST", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("+18585550101's own voicemail answered", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_RunningInstanceWithAnotherToken_RefusedExit1()
    {
        await using var running = new BrowserApp();

        var exit = await SimulateAgainstAsync(running, "not-the-instance-token");

        Assert.Equal(1, exit);
        Assert.Contains("[403] /twilio/inbound-call - Incoming call from +16195550199 to +18585550100; refused: HTTP 403", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAILED", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_RunningInstance_CallsItAndTheCallIsStoredThere()
    {
        await using var running = new BrowserApp();

        var exit = await SimulateAgainstAsync(running, QdnAppFactory.AuthToken, "--outcomes", "busy,answered", "--no-message");

        Assert.Equal(0, exit);
        Assert.Contains("Person: +18583354807 answered", _output.ToString(), StringComparison.Ordinal);
        var sid = _output.ToString().Split("Call ")[1][..34];
        Assert.True((await running.Factory.CallAsync(sid)).IsTest);
    }

    [Fact]
    public async Task Simulate_UnknownOutcome_Exit2ListingTheValidOnes()
    {
        var exit = await SimulateCommand.RunAsync(["--outcomes", "no-answer,rings-forever"], _output, Settings());

        Assert.Equal(2, exit);
        Assert.Contains(
            "Unknown outcome 'rings-forever'. Valid outcomes: answered, busy, no-answer, failed, canceled, hangup, voicemail-picks-up, screen-accept, screen-reject.",
            _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_UnknownLine_Exit2ListingTheLines()
    {
        // Against a URL nothing listens on: the line is checked before any request is made.
        var exit = await SimulateCommand.RunAsync(["--line", "nope", "--url", "http://127.0.0.1:9"], _output, Settings());

        Assert.Equal(2, exit);
        Assert.Contains("Unknown line 'nope'. Lines: qdn.", _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--line")]
    [InlineData("--from", "0619")]
    [InlineData("--url", "ftp://example.com")]
    public async Task Simulate_BadArguments_Exit2WithUsage(params string[] args)
    {
        var exit = await SimulateCommand.RunAsync(args, _output, Settings());

        Assert.Equal(2, exit);
        Assert.Contains("Usage: dotnet run --project QdnConsole -- simulate", _output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>--url against a running instance, with this machine's configuration naming its database and a token.</summary>
    private Task<int> SimulateAgainstAsync(BrowserApp running, string token, params string[] args)
    {
        var settings = Settings(running.Factory.DatabasePath);
        settings["Twilio:AuthToken"] = settings["TWILIO_AUTH_TOKEN"] = token;
        return SimulateCommand.RunAsync(["--url", running.BaseUrl, .. args], _output, settings);
    }

    /// <summary>A normal run's configuration on a throw-away database (developer TWILIO_* variables overridden).</summary>
    private Dictionary<string, string?> Settings(string? database = null) => new()
    {
        ["ConnectionStrings:Qdn"] = $"Data Source={database ?? Path.Combine(_directory, "qdn.db")}",
        ["Twilio:AuthToken"] = Token,
        ["TWILIO_AUTH_TOKEN"] = Token,
        ["Twilio:AccountSid"] = QdnAppFactory.AccountSid,
        ["TWILIO_ACCOUNT_SID"] = QdnAppFactory.AccountSid,
        ["Qdn:PublicBaseUrl"] = "",
        ["Qdn:Lines:0:Id"] = "qdn",
        ["Qdn:Lines:0:Name"] = "Queen of San Diego",
        ["Qdn:Lines:0:Number"] = TwilioWebhookClient.LineNumber,
        ["Qdn:Lines:0:TimeZone"] = "America/Los_Angeles",
        ["Qdn:Lines:0:Steps:0:Name"] = "Sergio",
        ["Qdn:Lines:0:Steps:0:Number"] = Sergio,
        ["Qdn:Lines:0:Steps:0:RingSeconds"] = "20",
        ["Qdn:Lines:0:Steps:0:Screen"] = "true",
        ["Qdn:Lines:0:Steps:1:Name"] = "Backup",
        ["Qdn:Lines:0:Steps:1:Number"] = Backup,
        ["Qdn:Lines:0:Steps:1:RingSeconds"] = "20",
        ["Qdn:Lines:0:Steps:1:Screen"] = "false",
    };
}
