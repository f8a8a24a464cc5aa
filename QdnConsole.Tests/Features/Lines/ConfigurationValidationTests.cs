using Microsoft.Extensions.Options;
using QdnConsole.Tests.Infrastructure;

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
    [InlineData("Qdn:PublicBaseUrl", "ftp://example.com", "Qdn:PublicBaseUrl must be an absolute http or https URL")]
    [InlineData("Qdn:Owner:Email", "owner@example.com", "Qdn:Owner: set both Email and Password, or neither.")]
    public void Startup_InvalidSetting_RefusesNamingTheKey(string key, string value, string expected)
    {
        using var app = new QdnAppFactory().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_SecondLineMissingNumber_RefusesNamingTheKey()
    {
        using var app = new QdnAppFactory()
            .With("Qdn:Lines:1:Id", "shop")
            .With("Qdn:Lines:1:Name", "Shop");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Qdn:Lines:1:Number: the line's Twilio number is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_SeveralProblems_ReportsEveryOne()
    {
        using var app = new QdnAppFactory()
            .With("Qdn:Lines:0:Number", "bad")
            .With("Qdn:Lines:0:Steps:0:RingSeconds", "1");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Qdn:Lines:0:Number", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qdn:Lines:0:Steps:0:RingSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_ShippedDefaults_StartsAndSeedsTheQdnLine()
    {
        using var app = new QdnAppFactory();
        using var client = app.CreateClient();

        var health = await client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal("Healthy", health);
    }
}
