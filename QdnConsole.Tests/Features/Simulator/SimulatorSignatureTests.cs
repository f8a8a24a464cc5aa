using QdnConsole.Features.Simulator;
using QdnConsole.Tests.Features.Twilio;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Simulator;

/// <summary>The simulator signs exactly as Twilio does, and the webhooks still refuse anything altered after signing.</summary>
public sealed class SimulatorSignatureTests
{
    [Fact]
    public void Sign_TwilioSdkFixture_MatchesTheOfficialSignature()
    {
        var form = TwilioVectors.Parameters().Select(kv => KeyValuePair.Create(kv.Key, kv.Value.ToString()));

        Assert.Equal(TwilioVectors.Signature, TwilioSimulator.Sign(TwilioVectors.Token, TwilioVectors.Url, form));
    }

    [Fact]
    public void Sign_TwilioDocsWorkedExample_MatchesTheOfficialSignature()
    {
        var form = new Dictionary<string, string>
        {
            ["Digits"] = "1234",
            ["To"] = "+18005551212",
            ["From"] = "+14158675310",
            ["Caller"] = "+14158675310",
            ["CallSid"] = "CA1234567890ABCDE",
        };

        Assert.Equal("L/OH5YylLD5NRKLltdqwSvS0BnU=", TwilioSimulator.Sign("12345", "https://example.com/myapp.php?foo=1&bar=2", form));
    }

    [Fact]
    public async Task SimulatedCall_FormValueChangedAfterSigning_RefusedWith403()
    {
        using var app = new QdnAppFactory();

        var result = await app.SimulateAsync(new SimulationRequest(TwilioWebhookClient.LineNumber, TwilioWebhookClient.Caller, []), new Tamper("From", "+19005550000"));

        var step = Assert.Single(result.Steps);
        Assert.Equal(403, step.Status);
        Assert.Equal(SimulationEnd.Failed, result.End);
        Assert.Contains("HTTP 403", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatedCall_Untouched_IsAccepted()
    {
        using var app = new QdnAppFactory();

        var result = await app.SimulateAsync(new SimulationRequest(TwilioWebhookClient.LineNumber, TwilioWebhookClient.Caller, []), new Tamper(null, null));

        Assert.Equal(SimulationEnd.Voicemail, result.End);
        Assert.All(result.Steps, s => Assert.Equal(200, s.Status));
    }

    /// <summary>Rewrites one field of the form after the simulator signed it, as a man in the middle would.</summary>
    private sealed class Tamper(string? field, string? value) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (field is not null && request.Content is FormUrlEncodedContent content)
            {
                var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(await content.ReadAsStringAsync(cancellationToken));
                var altered = form.ToDictionary(kv => kv.Key, kv => kv.Key == field ? value! : kv.Value.ToString());
                request.Content = new FormUrlEncodedContent(altered);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
