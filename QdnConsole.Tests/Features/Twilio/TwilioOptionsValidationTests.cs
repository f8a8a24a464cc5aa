using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioOptionsHarness;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>Start-up validation: every problem reported, each naming its config key, never its value.</summary>
public sealed class TwilioOptionsValidationTests
{
    [Theory]
    [InlineData("Twilio:AccountSid", "AC123", "Twilio:AccountSid")]
    [InlineData("TWILIO_ACCOUNT_SID", "SK0123456789abcdef0123456789abcdef", "Twilio:AccountSid")]
    [InlineData("Twilio:ApiKey", "AC0123456789abcdef0123456789abcdef", "Twilio:ApiKey")]
    [InlineData("Qdn:PublicBaseUrl", "qdn.example.com", "Qdn:PublicBaseUrl")]
    [InlineData("Qdn:PublicBaseUrl", "ftp://qdn.example.com", "Qdn:PublicBaseUrl")]
    [InlineData("Qdn:PublicBaseUrl", "https://qdn.example.com/?x=1", "Qdn:PublicBaseUrl")]
    [InlineData("Qdn:PublicBaseUrl", "https://qdn.example.com#frag", "Qdn:PublicBaseUrl")]
    public void Validation_BadValue_FailsNamingTheKey(string key, string value, string named)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ApiKeyWithoutSecret_Fails()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Twilio:ApiKey"] = KeySid }));

        Assert.Contains("Twilio:ApiSecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_SeveralProblems_AllReported()
    {
        var e = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new() { ["Twilio:AccountSid"] = "x", ["Qdn:PublicBaseUrl"] = "nope" }));

        Assert.Equal(2, e.Failures.Count());
    }

    [Fact]
    public void AddTwilio_BadConfiguration_FailsStartupValidation()
    {
        using var services = Build(new() { ["Twilio:AccountSid"] = "AC-not-a-sid" });

        var validator = services.GetRequiredService<IStartupValidator>();

        Assert.Throws<OptionsValidationException>(validator.Validate);
    }
}
