using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using QdnConsole.Features.Recordings;
using QdnConsole.Tests.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Recordings;

/// <summary>Voicemail audio fetched from Twilio with the API key, through the console's own authenticated endpoint.</summary>
public sealed class TwilioRecordingSourceTests : FakeTwilioAppTest<QdnAppFactory>
{
    [Fact]
    public async Task Audio_SignedIn_FetchedFromTwilioWithApiKeyOnceThenFromDisk()
    {
        var voicemail = await App.LeaveVoicemailAsync();
        var mp3 = TwilioFixtures.SilentMp3();
        var media = MediaPath(voicemail.RecordingSid!);
        FakeTwilio.On("GET", media, FakeReply.Audio(mp3));
        using var client = await App.SignedInClientAsync();

        using var first = await client.GetAsync(AudioPath(voicemail.Id));
        using var second = await client.GetAsync(AudioPath(voicemail.Id));

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(mp3, await response.Content.ReadAsByteArrayAsync());
        }

        var fetch = Assert.Single(FakeTwilio.RequestsTo(media));
        Assert.Equal((FakeTwilioApi.ApiKey, FakeTwilioApi.ApiSecret), (fetch.User, fetch.Password));
        var cached = Path.Combine(Path.GetDirectoryName(App.DatabasePath)!, "recordings", voicemail.RecordingSid + ".mp3");
        Assert.True(File.Exists(cached));
    }

    [Fact]
    public async Task Audio_Anonymous_401AndTwilioNeverAsked()
    {
        var voicemail = await App.LeaveVoicemailAsync();
        using var client = App.Browserless();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(FakeTwilio.Requests);
    }

    [Fact]
    public async Task Audio_RecordingDeletedAtTwilio_SaidOnTheEndpointAndThePage()
    {
        var voicemail = await App.LeaveVoicemailAsync(); // nothing scripted: Twilio answers 404 for media and metadata
        using var client = await App.SignedInClientAsync();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));
        var page = await client.GetPageAsync("/voicemails");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(TwilioRecordingSource.Deleted, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var item = page.GetElementById($"vm-{voicemail.Id}");
        Assert.Null(item?.QuerySelector("audio"));
        Assert.Equal(TwilioRecordingSource.Deleted, item?.QuerySelector(".audio-unavailable")?.TextContent);
        Assert.Equal(2, FakeTwilio.Requests.Count); // media, then the recording itself to tell why
    }

    [Fact]
    public async Task Audio_RecordingStillProcessing_SaysTryAgainShortly()
    {
        var voicemail = await App.LeaveVoicemailAsync();
        FakeTwilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{voicemail.RecordingSid}.json",
            FakeReply.Json(TwilioFixtures.Recording(voicemail.RecordingSid!, "processing")));
        using var client = await App.SignedInClientAsync();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(TwilioRecordingSource.Processing, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_TwilioDown_503AndPlayerStillOffered()
    {
        var voicemail = await App.LeaveVoicemailAsync();
        FakeTwilio.On("GET", MediaPath(voicemail.RecordingSid!), FakeReply.Error(503, 20503, "Service unavailable"));
        using var client = await App.SignedInClientAsync();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));
        var page = await client.GetPageAsync("/voicemails");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not be fetched right now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(page.GetElementById($"vm-{voicemail.Id}")?.QuerySelector("audio"));
    }

    private static string MediaPath(string recordingSid) => $"{FakeTwilioApi.AccountPath}/Recordings/{recordingSid}.mp3";

    private static Uri AudioPath(long id) => new($"/voicemails/{id}/audio", UriKind.Relative);
}
