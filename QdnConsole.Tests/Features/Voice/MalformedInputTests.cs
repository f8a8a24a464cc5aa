using Microsoft.EntityFrameworkCore;
using QdnConsole.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.Voice;

/// <summary>
/// Carrier data (caller name, number) is free text. Characters XML cannot carry must never make the answer
/// unwritable, and a body the framework cannot even parse is refused with a clear 400, never a 500.
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InboundCall_ControlCharactersInCallerData_RingsSergioStoredWithoutThem()
    {
        var callSid = NewCallSid();

        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call",
            TwilioWebhookClient.CallParameters(callSid).With(("From", "+1858\u0002555\u00010199"), ("CallerName", "QUEEN\u0001OF\u001B SD")));

        Assert.Equal((200, Sergio), (reply.Status, reply.DialedNumber));
        var call = await _app.CallAsync(callSid);
        Assert.Equal(("+18585550199", "QUEENOF SD"), (call.From, call.CallerName));
    }

    [Fact]
    public async Task InboundCall_NulInAValue_RefusedAs400NothingStored()
    {
        var callSid = NewCallSid();

        var reply = await _app.Twilio().PostAsync("/twilio/inbound-call",
            TwilioWebhookClient.CallParameters(callSid).With(("CallerName", "QUEEN\0OF SD")));

        Assert.Equal(400, reply.Status);
        Assert.Contains("Malformed request body", reply.Body, StringComparison.Ordinal);
        Assert.False(await _app.DbAsync(db => db.Calls.AnyAsync(c => c.CallSid == callSid)));
    }

    [Fact]
    public void XmlSafe_KeepsWhatXmlCarriesDropsTheRest()
    {
        // Built in code: lone surrogates cannot travel through test-case serialization (or UTF-8) intact.
        (string Value, string Expected)[] cases =
        [
            ("plain", "plain"),
            ("a\u0000b\u0001c\u001Fd", "abcd"),
            ("tab\tnewline\n", "tab\tnewline\n"),
            ("emoji \uD83D\uDCDE ok", "emoji \uD83D\uDCDE ok"),
            ("lone " + '\uD83D' + " high", "lone  high"),
            ("lone " + '\uDCDE' + " low", "lone  low"),
            ("\uFFFE\uFFFF", string.Empty),
        ];

        Assert.All(cases, c => Assert.Equal(c.Expected, VoiceRequest.XmlSafe(c.Value)));
    }
}
