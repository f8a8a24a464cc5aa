using AngleSharp.Dom;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TestCalls;

/// <summary>A finished test call as the owner reads it: how it ended, the transcript, and the way to the stored call.</summary>
public sealed class TestCallResultMarkupTests
{
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Result_Voicemail_SaysSoWithGreetingTranscriptAndCallLink()
    {
        var result = new SimulationResult(CallSid, SimulationEnd.Voicemail, "Sergio: no answer; Backup: busy; message left", null, "Thank you for calling.",
        [
            new("http://127.0.0.1:5000/twilio/inbound-call", new Dictionary<string, string> { ["CallSid"] = CallSid, ["QdnTest"] = "true" }, 200, ["Dial +18585550101"], "Inbound call"),
            new("http://127.0.0.1:5000/twilio/dial-ended?step=0", new Dictionary<string, string> { ["DialCallStatus"] = "no-answer" }, 200, ["Say", "Record"], null),
        ]);

        var doc = await RenderAsync(new TestCallOutcome(result, 42));

        Assert.Equal("Voicemail", doc.QuerySelector("[data-testid=test-end]")?.TextContent);
        Assert.Equal("Sergio: no answer; Backup: busy; message left", doc.QuerySelector(".summary")?.TextContent);
        Assert.Equal("Thank you for calling.", doc.QuerySelector("[data-testid=greeting]")?.TextContent);
        Assert.Equal("calls/42", doc.QuerySelectorAll("a").Single(a => a.TextContent.Contains("timeline", StringComparison.Ordinal)).GetAttribute("href"));
        var requests = doc.QuerySelectorAll("ol.transcript > li");
        Assert.Equal(["POST /twilio/inbound-call", "POST /twilio/dial-ended?step=0"], requests.Select(r => r.QuerySelector("code")?.TextContent));
        Assert.Equal(["Dial +18585550101", "Say → Record"], requests.Select(r => r.QuerySelector(".verbs")?.TextContent));
        Assert.Equal(["CallSid", "QdnTest"], requests[0].QuerySelectorAll("dt").Select(d => d.TextContent));
    }

    [Fact]
    public async Task Result_Lost_FlaggedAndNoStoredCallSaid()
    {
        var result = new SimulationResult(CallSid, SimulationEnd.Lost, "The call ended without a person or a voicemail", null, null, []);

        var doc = await RenderAsync(new TestCallOutcome(result, null));

        var end = doc.QuerySelector("[data-testid=test-end]");
        Assert.Equal("Lost: no person and no voicemail", end?.TextContent);
        Assert.Contains("off", end!.ClassList);
        Assert.Contains($"No stored call was found for {CallSid}.", doc.Body?.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("[data-testid=greeting]"));
    }

    [Fact]
    public async Task Result_Person_ShowsTheNumberReached()
    {
        var result = new SimulationResult(CallSid, SimulationEnd.Person, "Sergio answered", "+18585550101", null, []);

        var doc = await RenderAsync(new TestCallOutcome(result, 7));

        Assert.Equal("Reached a person", doc.QuerySelector("[data-testid=test-end]")?.TextContent);
        Assert.Contains("Connected to +18585550101.", doc.Body?.TextContent, StringComparison.Ordinal);
    }

    private static Task<IDocument> RenderAsync(TestCallOutcome outcome) =>
        ComponentMarkup.RenderAsync<TestCallResult>(new Dictionary<string, object?> { [nameof(TestCallResult.Outcome)] = outcome });
}
