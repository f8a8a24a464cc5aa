using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;

namespace QdnConsole.Tests.Features.History;

/// <summary>/calls/{id}: real calls walked through the signed webhooks, then read as staff would read them.</summary>
public sealed class CallDetailTests : IDisposable
{
    private const string Recording = "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE00000000000000000000000000000007";

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CallDetail_SergioNoAnswerBackupBusyVoicemail_ExplainsEveryMoveInOrder()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        var second = await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        var third = await twilio.PostAsync(second.DialAction!, DialEnded(sid, "busy", "false", "ringing"));
        await twilio.PostAsync(third.RecordAction!, TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingUrl", Recording), ("RecordingSid", "RE00000000000000000000000000000007"), ("RecordingDuration", "42")));
        await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "75")));

        var page = await DetailAsync(sid);

        Assert.Equal(
            ["Call from +16195550199 to Queen of San Diego",
             "Ringing Sergio for 20 s (screened)",
             "Sergio did not answer within 20 s",
             "Ringing Backup for 20 s",
             "Backup's phone was busy",
             "Nobody answered: voicemail",
             "Message recorded (0:42)",
             "Call ended: completed, 1:15"],
            Texts(page, ".call-timeline li .reason"));
        Assert.Equal(
            ["Call received", "Ringing", "Ringing ended", "Ringing", "Ringing ended", "Sent to voicemail", "Message recorded", "Call ended"],
            Texts(page, ".call-timeline li .what"));
        var sergioEnded = page.QuerySelectorAll(".call-timeline li")[2];
        Assert.Equal("Step 1 · Sergio · " + Sergio, sergioEnded.QuerySelector(".who")?.TextContent);
        Assert.Equal("no-answer", sergioEnded.QuerySelector(".outcome")?.TextContent);
        Assert.Equal("busy", page.QuerySelectorAll(".call-timeline li")[4].QuerySelector(".outcome")?.TextContent);

        Assert.Equal("Call from +16195550199", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(("Voicemail", "Nobody answered", "completed", "1:15"), (
            page.QuerySelector("#disposition")?.TextContent,
            page.QuerySelector("#voicemail-reason")?.TextContent,
            page.QuerySelector("#twilio-status")?.TextContent,
            page.QuerySelector("#duration")?.TextContent));
        Assert.StartsWith("Queen of San Diego", page.QuerySelector("#line")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#test-call"));
        var voicemailId = await _app.DbAsync(db => db.Voicemails.Select(v => v.Id).SingleAsync());
        Assert.Equal($"/voicemails#vm-{voicemailId}", page.QuerySelector("#voicemail-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task CallDetail_SergioUnavailable_SaysWhoSetItAndWhenThenTheRest()
    {
        // 21:02 UTC on 15 June is 14:02 in San Diego (PDT).
        await _app.DbAsync(db => db.People.Where(p => p.Name == "Sergio").ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Available, false)
            .SetProperty(p => p.AvailabilityChangedBy, QdnAppFactory.OwnerEmail)
            .SetProperty(p => p.AvailabilityChangedAtUtc, new DateTime(2026, 6, 15, 21, 2, 0, DateTimeKind.Utc))));
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await twilio.PostAsync(first.DialAction!, DialEnded(sid, "no-answer", "false", "ringing"));
        await twilio.PostAsync("/twilio/call-status", TwilioWebhookClient.CallParameters(sid, "completed").With(("CallDuration", "40")));

        var page = await DetailAsync(sid);

        Assert.Equal(
            ["Call from +16195550199 to Queen of San Diego",
             "Sergio unavailable (set by owner@example.com 14:02)",
             "Ringing Backup for 20 s",
             "Backup did not answer within 20 s",
             "Nobody answered: voicemail",
             "Call ended: completed, 0:40"],
            Texts(page, ".call-timeline li .reason"));
        Assert.Equal("Skipped", page.QuerySelectorAll(".call-timeline li .what")[1].TextContent);
        Assert.Equal(("Missed", "Nobody answered"), (page.QuerySelector("#disposition")?.TextContent, page.QuerySelector("#voicemail-reason")?.TextContent));
        Assert.Null(page.QuerySelector("#voicemail-link"));
    }

    [Fact]
    public async Task CallDetail_Maintenance_SaysMaintenanceSentItToVoicemail()
    {
        await _app.SetMaintenanceAsync(on: true, "We are moving the shop today.");
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await twilio.PostAsync(first.RecordAction!, TwilioWebhookClient.CallParameters(sid, "in-progress").With(
            ("RecordingUrl", Recording), ("RecordingSid", "RE00000000000000000000000000000007"), ("RecordingDuration", "9")));

        var page = await DetailAsync(sid);

        Assert.Equal(
            ["Call from +16195550199 to Queen of San Diego", "Maintenance mode: voicemail", "Message recorded (0:09)"],
            Texts(page, ".call-timeline li .reason"));
        Assert.Equal(("Voicemail", "Maintenance mode"), (page.QuerySelector("#disposition")?.TextContent, page.QuerySelector("#voicemail-reason")?.TextContent));
        Assert.Equal("Maintenance", page.QuerySelectorAll(".call-timeline li .outcome")[1].TextContent);
    }

    [Fact]
    public async Task CallDetail_Answered_ShowsWhoAnswered()
    {
        var twilio = _app.Twilio();
        var sid = NewCallSid();
        var first = await twilio.PostAsync("/twilio/inbound-call", TwilioWebhookClient.CallParameters(sid));
        await twilio.PostAsync(first.DialAction!, DialEnded(sid, "completed", "true", "in-progress", duration: 192));

        var page = await DetailAsync(sid);

        Assert.Equal(("Answered", "Sergio"), (page.QuerySelector("#disposition")?.TextContent, page.QuerySelector("#answered-by")?.TextContent));
        Assert.Equal("Sergio answered, talked 3:12", Texts(page, ".call-timeline li .reason")[^1]);
        Assert.Null(page.QuerySelector("#voicemail-reason"));
    }

    [Fact]
    public async Task CallDetail_UnknownId_FriendlyNotFoundWith404()
    {
        var client = await _app.SignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/calls/987654", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HistoryTestData.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Call not found", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("There is no call number 987654. The link may be mistyped, or the call was removed.", page.QuerySelector("#not-found")?.TextContent);
    }

    private async Task<IDocument> DetailAsync(string callSid)
    {
        var id = (await _app.CallAsync(callSid)).Id;
        var client = await _app.SignedInClientAsync();
        return await client.HtmlAsync($"/calls/{id}");
    }

    private static string[] Texts(IDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim())];
}
