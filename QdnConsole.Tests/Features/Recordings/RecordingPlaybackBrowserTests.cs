using System.Text.Json;
using System.Text.RegularExpressions;
using QdnConsole.Features.Recordings;
using QdnConsole.Tests.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.Recordings;

/// <summary>A voicemail's recording in a real browser: fetched from (fake) Twilio by the console, played for staff, refused to visitors.</summary>
public sealed partial class RecordingPlaybackBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output), IDisposable
{
    private readonly FakeTwilioApi _twilio = FakeTwilioApi.Start();

    public void Dispose() => _twilio.Dispose();

    protected override void ConfigureApp(QdnAppFactory factory) => factory.UseFakeTwilio(_twilio);

    [Fact]
    public async Task Voicemail_SignedIn_RecordingLoadsInThePlayer_VisitorRefused()
    {
        var mp3 = TwilioFixtures.SilentMp3();
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var voicemail = await App.Factory.LeaveVoicemailAsync(new TwilioWebhookClient(http));
        var media = $"{FakeTwilioApi.AccountPath}/Recordings/{voicemail.RecordingSid}.mp3";
        _twilio.On("GET", media, FakeReply.Audio(mp3));
        var audioPath = $"/voicemails/{voicemail.Id}/audio";
        await SignInAsync();

        await Page.GotoAsync("/voicemails");
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live"); // interactive: the prerendered DOM has been replaced
        var audio = Page.Locator($"#vm-{voicemail.Id} audio");
        await Expect(audio).ToHaveAttributeAsync("src", audioPath);
        await audio.EvaluateAsync("a => { a.preload = 'auto'; a.load(); }");

        // HAVE_CURRENT_DATA or better: the browser fetched and decoded the MP3 through the console's endpoint.
        await Page.WaitForFunctionAsync("selector => document.querySelector(selector).readyState >= 2", $"#vm-{voicemail.Id} audio");
        var fetched = await Page.EvaluateAsync<JsonElement>(
            "async url => { const r = await fetch(url); const b = await r.arrayBuffer(); return { status: r.status, type: r.headers.get('content-type'), length: b.byteLength }; }",
            audioPath);
        Assert.Equal(200, fetched.GetProperty("status").GetInt32());
        Assert.Equal("audio/mpeg", fetched.GetProperty("type").GetString());
        Assert.Equal(mp3.Length, fetched.GetProperty("length").GetInt32());
        Assert.All(_twilio.RequestsTo(media), r => Assert.Equal(FakeTwilioApi.ApiKey, r.User));
        Assert.DoesNotContain(_twilio.BaseUrl, await Page.ContentAsync(), StringComparison.Ordinal);

        var visitor = await Browser.NewPageAsync(App.BaseUrl);
        try
        {
            await visitor.GotoAsync("/voicemails");
            await Expect(visitor).ToHaveURLAsync(SignInUrl());
            Assert.Equal(401, await visitor.EvaluateAsync<int>("async url => (await fetch(url)).status", audioPath));
        }
        finally
        {
            await visitor.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Voicemail_RecordingDeletedAtTwilio_PlayerReplacedByWhy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var voicemail = await App.Factory.LeaveVoicemailAsync(new TwilioWebhookClient(http)); // Twilio answers 404: deleted
        await SignInAsync();
        await Page.GotoAsync("/voicemails");
        await Expect(Page.GetByTestId("live")).ToHaveTextAsync("Live");
        var item = Page.Locator($"#vm-{voicemail.Id}");

        await item.Locator("audio").EvaluateAsync("a => { a.preload = 'auto'; a.load(); }");

        await Expect(item.Locator(".audio-unavailable")).ToHaveTextAsync(TwilioRecordingSource.Deleted);
        await Expect(item.Locator("audio")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInUrl();
}
