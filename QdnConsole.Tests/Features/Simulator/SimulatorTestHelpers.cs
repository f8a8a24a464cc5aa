using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Simulator;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Simulator;

internal static class SimulatorTestHelpers
{
    /// <summary>A simulated call from the usual caller to the qdn line, through the app's in-process client.</summary>
    public static Task<SimulationResult> SimulateAsync(this QdnAppFactory app, params DialChoice[] choices) =>
        app.SimulateAsync(new SimulationRequest(TwilioWebhookClient.LineNumber, TwilioWebhookClient.Caller, choices));

    public static async Task<SimulationResult> SimulateAsync(this QdnAppFactory app, SimulationRequest request, params DelegatingHandler[] handlers)
    {
        using var client = app.CreateDefaultClient(handlers);
        return await app.Services.GetRequiredService<TwilioSimulator>().RunAsync(client, request, CancellationToken.None);
    }

    /// <summary>The call's story, one line per event that tells who was rung, skipped, what each dial did and how it ended.</summary>
    public static IReadOnlyList<string> Story(this Call call) =>
    [
        .. call.Events.OrderBy(e => e.Sequence).Select(e => e.Kind switch
        {
            CallEventKind.Ringing => $"Ringing {e.PersonName} {e.Target}",
            CallEventKind.StepSkipped => $"Skipped {e.PersonName}: {e.Reason}",
            CallEventKind.ScreenAccepted => $"{e.PersonName} pressed 1",
            CallEventKind.ScreenDeclined => $"{e.PersonName} declined",
            CallEventKind.DialEnded => $"Dial {e.PersonName}: {e.Outcome}",
            CallEventKind.Answered => $"Answered by {e.PersonName}",
            CallEventKind.VoicemailGreeting => $"Voicemail {e.Outcome}",
            CallEventKind.VoicemailRecorded => "Message recorded",
            _ => null,
        }).OfType<string>(),
    ];
}
