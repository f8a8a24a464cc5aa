using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Tests.Features.Secrets;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>Auth token rotation through the secrets file: the secondary token signs while configured, and not once removed.</summary>
public sealed class SecondaryTokenRotationTests
{
    private const string NextToken = "fake-next-auth-token-000000000000";

    [Fact]
    public async Task Webhook_SignedWithSecondaryToken_AcceptedWhileConfiguredRefusedOnceRemoved()
    {
        using var app = new QdnAppFactory();
        SecretsFiles.Write(app.SecretsFilePath, $"TWILIO_AUTH_TOKEN_SECONDARY={NextToken}\n");
        var withNext = new TwilioWebhookClient(app.CreateClient(), NextToken);

        var during = await withNext.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        // Rotation finished: the operator removes the secondary token from the file; the running app rereads it.
        var applied = SecretsFiles.OptionsApplied(app.Services, o => o.AuthTokenSecondary is null);
        SecretsFiles.Write(app.SecretsFilePath, "# rotation done\n");
        ((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Reload();
        await applied;
        var after = await withNext.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));
        var primary = await app.Twilio().PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        Assert.Equal(200, during.Status);
        Assert.Equal(Sergio, during.DialedNumber);
        Assert.Equal(403, after.Status);
        Assert.Equal(200, primary.Status);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(NextToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_SignedWithSecondaryTokenNeverConfigured_Refused()
    {
        using var app = new QdnAppFactory();
        var withNext = new TwilioWebhookClient(app.CreateClient(), NextToken);

        var reply = await withNext.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(NewCallSid()));

        Assert.Equal(403, reply.Status);
    }
}
