using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Voicemails;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Voicemails;

/// <summary>The voicemail list as served to a signed-in user, and marking messages handled.</summary>
public sealed class VoicemailsPageTests : IDisposable
{
    // Without REST credentials the console cannot fetch audio: these tests show what it does then.
    private readonly QdnAppFactory _app = new QdnAppFactory().WithoutRestCredentials();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task VoicemailsPage_CallEndedInVoicemail_ListedWithCallerDurationAndGreetingContext()
    {
        var voicemail = await _app.LeaveVoicemailAsync(seconds: 42);
        await _app.AddUserAsync("staff@example.com", UserRole.Staff);
        using var client = await _app.SignedInClientAsync("staff@example.com", ConsoleUsers.StaffPassword);

        var page = await client.GetPageAsync("/voicemails");

        var item = page.GetElementById($"vm-{voicemail.Id}");
        Assert.NotNull(item);
        Assert.Equal(TwilioWebhookClient.Caller, item.QuerySelector(".from")?.TextContent);
        Assert.Equal("Queen of San Diego", item.QuerySelector(".line-name")?.TextContent);
        Assert.Equal("0:42", item.QuerySelector(".duration")?.TextContent);
        Assert.Contains("Nobody answered", item.QuerySelector(".reason")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(VoicemailScenario.NoAnswerGreeting, item.QuerySelector(".greeting blockquote")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/calls/{voicemail.CallId}", item.QuerySelector("a.call-link")?.GetAttribute("href"));
        Assert.StartsWith("Mark handled", item.QuerySelector("button")?.TextContent.Trim(), StringComparison.Ordinal);
        // No player without a source of audio: the reason instead, and never Twilio's own URL.
        Assert.Null(item.QuerySelector("audio"));
        Assert.Equal(UnconfiguredRecordingSource.Reason, item.QuerySelector(".audio-unavailable")?.TextContent);
        Assert.DoesNotContain("api.twilio.com", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkHandled_ThenUnhandled_EachAuditedWithBeforeAndAfter()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        var inbox = _app.Services.GetRequiredService<VoicemailInbox>();
        var actor = new Actor("staff@example.com", "web", "203.0.113.7");

        Assert.True(await inbox.SetHandledAsync(voicemail.Id, handled: true, actor, CancellationToken.None));

        var handled = await _app.DbAsync(db => db.Voicemails.AsNoTracking().SingleAsync(v => v.Id == voicemail.Id));
        Assert.True(handled.Handled);
        Assert.Equal("staff@example.com", handled.HandledBy);
        Assert.NotNull(handled.HandledAtUtc);
        var entry = await _app.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "voicemail.handled"));
        Assert.Equal(("Voicemail", voicemail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "staff@example.com", "web", "203.0.113.7"),
            (entry.EntityType, entry.EntityId, entry.Actor, entry.Source, entry.RemoteAddress));
        Assert.Contains("\"Handled\":false", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"Handled\":true", entry.After, StringComparison.Ordinal);
        Assert.Contains("\"HandledBy\":\"staff@example.com\"", entry.After, StringComparison.Ordinal);

        using var client = await _app.SignedInClientAsync();
        Assert.Null((await client.GetPageAsync("/voicemails")).GetElementById($"vm-{voicemail.Id}"));

        Assert.True(await inbox.SetHandledAsync(voicemail.Id, handled: false, actor, CancellationToken.None));

        var reopened = await _app.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "voicemail.unhandled"));
        Assert.Contains("\"Handled\":true", reopened.Before, StringComparison.Ordinal);
        Assert.Contains("\"Handled\":false", reopened.After, StringComparison.Ordinal);
        Assert.NotNull((await client.GetPageAsync("/voicemails")).GetElementById($"vm-{voicemail.Id}"));
    }

    [Fact]
    public async Task MarkHandled_AlreadyHandled_NothingAuditedTwice()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        var inbox = _app.Services.GetRequiredService<VoicemailInbox>();

        await inbox.SetHandledAsync(voicemail.Id, handled: true, Actor.System, CancellationToken.None);
        await inbox.SetHandledAsync(voicemail.Id, handled: true, Actor.System, CancellationToken.None);

        Assert.Equal(1, await _app.DbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Voicemail")));
        Assert.False(await inbox.SetHandledAsync(-1, handled: true, Actor.System, CancellationToken.None));
    }
}
