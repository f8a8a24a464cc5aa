using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioOptionsHarness;

namespace QdnConsole.Tests.Features.Twilio;

public sealed class TwilioOptionsTests
{
    [Fact]
    public void AddTwilio_SectionKeys_BoundWithTrimmedPublicBaseUrl()
    {
        var options = Resolve(new()
        {
            ["Twilio:AccountSid"] = Sid,
            ["Twilio:AuthToken"] = "primary",
            ["Twilio:AuthTokenSecondary"] = "secondary",
            ["Twilio:ApiKey"] = KeySid,
            ["Twilio:ApiSecret"] = "secret",
            ["Qdn:PublicBaseUrl"] = "https://qdn.example.com/base/",
        });

        Assert.Equal(Sid, options.AccountSid);
        Assert.Equal("primary", options.AuthToken);
        Assert.Equal("secondary", options.AuthTokenSecondary);
        Assert.Equal(KeySid, options.ApiKey);
        Assert.Equal("secret", options.ApiSecret);
        Assert.Equal("https://qdn.example.com/base", options.PublicBaseUrl);
        Assert.Equal(["primary", "secondary"], options.SignatureTokens);
    }

    [Fact]
    public void AddTwilio_ConventionalEnvironmentNames_WinOverSection()
    {
        var options = Resolve(new()
        {
            ["TWILIO_ACCOUNT_SID"] = Sid,
            ["Twilio:AccountSid"] = "AC" + new string('f', 32),
            ["TWILIO_AUTH_TOKEN"] = "from-env",
            ["Twilio:AuthToken"] = "from-section",
            ["TWILIO_AUTH_TOKEN_SECONDARY"] = "env-secondary",
            ["TWILIO_API_KEY"] = KeySid,
            ["TWILIO_API_SECRET"] = "env-secret",
        });

        Assert.Equal(Sid, options.AccountSid);
        Assert.Equal("from-env", options.AuthToken);
        Assert.Equal("env-secondary", options.AuthTokenSecondary);
        Assert.Equal(KeySid, options.ApiKey);
        Assert.Equal("env-secret", options.ApiSecret);
    }

    [Fact]
    public void AddTwilio_EmptyValues_AreNullAndFallBack()
    {
        var options = Resolve(new()
        {
            ["TWILIO_AUTH_TOKEN"] = "",
            ["Twilio:AuthToken"] = "from-section",
            ["Twilio:AuthTokenSecondary"] = "",
            ["Twilio:AccountSid"] = "",
            ["Qdn:PublicBaseUrl"] = "",
        });

        Assert.Equal("from-section", options.AuthToken);
        Assert.Null(options.AuthTokenSecondary);
        Assert.Null(options.AccountSid);
        Assert.Null(options.PublicBaseUrl);
    }

    [Fact]
    public void AddTwilio_RegistersFilterAsSingleton()
    {
        using var services = Build(new() { ["Twilio:AuthToken"] = "t" });

        Assert.Same(services.GetRequiredService<TwilioSignatureFilter>(), services.GetRequiredService<TwilioSignatureFilter>());
    }

    [Fact]
    public void ToString_NeverShowsSecrets()
    {
        var options = new TwilioOptions
        {
            AccountSid = Sid,
            AuthToken = "token-value",
            AuthTokenSecondary = "secondary-value",
            ApiKey = KeySid,
            ApiSecret = "secret-value",
            PublicBaseUrl = "https://qdn.example.com",
        };

        var text = options.ToString();

        Assert.DoesNotContain("token-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secondary-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", text, StringComparison.Ordinal);
        Assert.Contains("AuthToken = (set)", text, StringComparison.Ordinal);
    }
}
