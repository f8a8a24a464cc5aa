using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// 1,000 correctly signed but strange requests: random, oversized, unicode and missing fields, odd query strings,
/// on every /twilio endpoint. No 5xx (a NUL in a value is a clear 400, nothing else is refused), only well-formed TwiML, nothing stored half-written, and a normal call
/// still goes through afterwards.
/// </summary>
public sealed class FuzzedWebhookTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_260_006;
    private const int Requests = 1000;

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ThousandFuzzedSignedRequests_NoServerErrorOnlyTwiMLAndNothingHalfStored()
    {
        output.WriteLine($"fuzz seed {Seed}: the same seed replays the same requests, in order");
        var twilio = _app.Twilio();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var index = 0;
        foreach (var request in new WebhookFuzzer(Seed).Requests(Requests))
        {
            var reply = await twilio.PostAsync(request.Url, request.Form);
            statuses[reply.Status] = statuses.GetValueOrDefault(reply.Status) + 1;
            // The one refusal allowed: a NUL in a name or value, which the framework's form reader cannot parse (so the
            // signature cannot be checked), gets a clear 400. Everything else is answered with TwiML.
            var refusedNul = reply.Status == 400 && reply.Body.Contains("Malformed request body", StringComparison.Ordinal)
                && request.Form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Contains('\0', StringComparison.Ordinal));
            if (reply.Status != 200 && !refusedNul || (reply.Status == 200 && !StoreFile.IsTwiML(reply.Body)))
            {
                failures.Add($"#{index}: {reply.Status} for {request}");
            }

            index++;
        }

        output.WriteLine($"answers: {string.Join(", ", statuses.Select(s => $"{s.Value}× {s.Key}"))}");
        var sid = NewCallSid();
        var normal = await twilio.PostAsync(InboundCall, Inbound(sid));
        var backup = await twilio.PostAsync(normal.DialAction!, NoAnswer(sid));
        var answered = await twilio.PostAsync(backup.DialAction!, Answered(sid));
        var stored = StoreFile.Calls(_app.DatabasePath);
        output.WriteLine($"{stored.Count} calls stored");

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} bad answers (app errors: "
            + $"{string.Join(" | ", _app.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Select(l => l.Split('\n')[0]).Distinct().Take(3))}), e.g.\n"
            + string.Join('\n', failures.Take(10)));
        Assert.Equal((Sergio, Backup, 200), (normal.DialedNumber, backup.DialedNumber, answered.Status));
        Assert.Empty(stored.Values.SelectMany(c => c.Problems()));
        Assert.Equal("Answered", stored[sid].Disposition);
        Assert.Equal("ok", StoreFile.IntegrityCheck(_app.DatabasePath));
    }
}
