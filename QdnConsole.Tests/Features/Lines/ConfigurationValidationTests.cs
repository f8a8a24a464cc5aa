using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using QdnConsole.Features.Lines;

namespace QdnConsole.Tests.Features.Lines;

/// <summary>A misconfigured app refuses to start and names the key to fix.</summary>
public class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Qdn:Lines:0:Number", "858-555-0100", "Qdn:Lines:0:Number: '858-555-0100' is not an E.164 number")]
    [InlineData("Qdn:Lines:0:Number", "", "Qdn:Lines:0:Number: the line's Twilio number is required")]
    [InlineData("Qdn:Lines:0:Steps:0:Number", "+1 858 555 0101", "Qdn:Lines:0:Steps:0:Number: '+1 858 555 0101' is not an E.164 number")]
    [InlineData("Qdn:Lines:0:Steps:1:RingSeconds", "4", "Qdn:Lines:0:Steps:1:RingSeconds: 4 is outside 5-600 seconds")]
    [InlineData("Qdn:Lines:0:Steps:0:RingSeconds", "601", "Qdn:Lines:0:Steps:0:RingSeconds: 601 is outside 5-600 seconds")]
    [InlineData("Qdn:Lines:0:TimeZone", "Mars/Olympus", "Qdn:Lines:0:TimeZone: 'Mars/Olympus' is not a known IANA time zone")]
    [InlineData("Qdn:Lines:0:Id", "Not A Slug", "Qdn:Lines:0:Id: 'Not A Slug' must be 1-32 lower-case letters")]
    [InlineData("Qdn:Owner:Email", "owner@example.com", "Qdn:Owner: set both Email and Password, or neither.")]
    public void Validate_InvalidSetting_NamesTheKey(string key, string value, string expected)
    {
        var failures = Validate((key, value));

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SecondLineMissingNumber_NamesTheKey()
    {
        var failures = Validate(("Qdn:Lines:1:Id", "shop"), ("Qdn:Lines:1:Name", "Shop"));

        Assert.Contains(failures, f => f.StartsWith("Qdn:Lines:1:Number: the line's Twilio number is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateNumbers_Refused()
    {
        var failures = Validate(("Qdn:Lines:1:Id", "shop"), ("Qdn:Lines:1:Name", "Shop"), ("Qdn:Lines:1:Number", "+18585550100"));

        Assert.Contains(failures, f => f.StartsWith("Qdn:Lines:1:Number: '+18585550100' is used by another line", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ShippedAppSettings_AreValid() => Assert.Empty(Validate());

    [Fact]
    public async Task Startup_InvalidConfiguration_ProcessExitsWithTheKeyInItsOutput()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "QdnConsole.dll");
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Qdn"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"qdn-refuse-{Guid.NewGuid():N}.db")}",
                ["Qdn__Lines__0__Steps__1__RingSeconds"] = "3",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Qdn:Lines:0:Steps:1:RingSeconds: 3 is outside 5-600 seconds", await output + await error, StringComparison.Ordinal);
    }

    /// <summary>The shipped appsettings.json with overrides, bound and validated as at start.</summary>
    private static List<string> Validate(params (string Key, string Value)[] overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)))
            .Build();
        var options = configuration.GetSection(QdnOptions.Section).Get<QdnOptions>() ?? new QdnOptions();
        var result = new QdnOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }
}
