using QdnConsole.Features.TwilioApi;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TwilioApi;

/// <summary>The runtime REST client against a fake Twilio on real HTTP: paths, credentials, wire habits, paging.</summary>
public sealed class TwilioRestClientTests : IAsyncLifetime
{
    private const string CallSid = "CA11111111111111111111111111111111";
    private const string RecordingSid = "RE22222222222222222222222222222222";
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task FetchCall_WithApiKey_ApiKeyAuthAccountInPathJsonAccepted()
    {
        var start = new DateTimeOffset(2026, 11, 21, 18, 0, 5, TimeSpan.Zero);
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Calls/{CallSid}.json",
            FakeReply.Json(TwilioFixtures.Call(CallSid, "completed", 125, start, start.AddSeconds(125))));
        using var harness = new TwilioApiHarness(_twilio);

        var call = await harness.Rest().FetchCallAsync(CallSid, default);

        var request = Assert.Single(_twilio.Requests);
        Assert.Equal(("GET", FakeTwilioApi.ApiKey, FakeTwilioApi.ApiSecret), (request.Method, request.User, request.Password));
        Assert.Equal("application/json", request.Accept);
        Assert.StartsWith("QdnConsole/", request.UserAgent, StringComparison.Ordinal);
        Assert.Equal(("completed", 125, true), (call.Status, call.DurationSeconds, call.IsFinal));
        Assert.Equal((start.UtcDateTime, start.AddSeconds(125).UtcDateTime), (call.StartedAtUtc, call.EndedAtUtc));
    }

    [Fact]
    public async Task FetchCall_NoApiKey_AccountTokenUsedAndWarnedOnce()
    {
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Calls/{CallSid}.json", FakeReply.Json(TwilioFixtures.Call(CallSid, "in-progress")));
        using var harness = new TwilioApiHarness(_twilio, withApiKey: false);

        await harness.Rest().FetchCallAsync(CallSid, default);
        var call = await harness.Rest().FetchCallAsync(CallSid, default);

        Assert.All(_twilio.Requests, r => Assert.Equal((QdnAppFactory.AccountSid, QdnAppFactory.AuthToken), (r.User, r.Password)));
        Assert.False(call.IsFinal);
        Assert.Single(harness.Logs.Lines, l => l.Contains("No Twilio API key is set", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(QdnAppFactory.AuthToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListCalls_SeveralPages_FollowsNextPageUriWithFilters()
    {
        var path = $"{FakeTwilioApi.AccountPath}/Calls.json";
        var page2 = $"{path}?To=%2B18585550100&PageSize=2&Page=1&PageToken=PAfake";
        _twilio.On("GET", path, request => request.Query.ContainsKey("PageToken")
            ? FakeReply.Json(new { calls = new[] { TwilioFixtures.Call("CA3", "busy") }, next_page_uri = (string?)null })
            : FakeReply.Json(new { calls = new[] { TwilioFixtures.Call("CA1", "completed"), TwilioFixtures.Call("CA2", "no-answer") }, next_page_uri = page2 }));
        using var harness = new TwilioApiHarness(_twilio);
        var since = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

        var calls = await harness.Rest().ListCallsAsync(new CallFilter(To: TwilioWebhookClient.LineNumber, StartedOnOrAfter: since, PageSize: 2), default).ToListAsync();

        Assert.Equal(["CA1", "CA2", "CA3"], calls.Select(c => c.Sid));
        Assert.Equal(2, _twilio.Requests.Count);
        var first = _twilio.Requests[0].Query;
        Assert.Equal((TwilioWebhookClient.LineNumber, "2026-11-21T00:00:00Z", "2"), (first["To"], first["StartTime>"], first["PageSize"]));
        Assert.Equal("PAfake", _twilio.Requests[1].Query["PageToken"]);
        Assert.All(_twilio.Requests, r => Assert.Equal(FakeTwilioApi.ApiKey, r.User));
    }

    [Fact]
    public async Task ListCalls_NextPageOnAnotherHost_NotFollowed()
    {
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Calls.json",
            FakeReply.Json(new { calls = new[] { TwilioFixtures.Call("CA1", "completed") }, next_page_uri = "https://evil.example/steal" }));
        using var harness = new TwilioApiHarness(_twilio);

        var calls = await harness.Rest().ListCallsAsync(new CallFilter(), default).ToListAsync();

        Assert.Single(calls);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task FetchRecording_Metadata_Parsed()
    {
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{RecordingSid}.json", FakeReply.Json(TwilioFixtures.Recording(RecordingSid, "completed", 42)));
        using var harness = new TwilioApiHarness(_twilio);

        var recording = await harness.Rest().FetchRecordingAsync(RecordingSid, default);

        Assert.Equal((RecordingSid, "completed", 42), (recording.Sid, recording.Status, recording.DurationSeconds));
        Assert.Equal(FakeTwilioApi.ApiKey, Assert.Single(_twilio.Requests).User);
    }

    [Fact]
    public async Task DownloadRecording_Mp3_BytesCopiedWithApiKey()
    {
        var mp3 = TwilioFixtures.SilentMp3(3);
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{RecordingSid}.mp3", FakeReply.Audio(mp3));
        using var harness = new TwilioApiHarness(_twilio);
        using var copy = new MemoryStream();

        var type = await harness.Rest().DownloadRecordingAsync(RecordingSid, copy, default);

        Assert.Equal("audio/mpeg", type);
        Assert.Equal(mp3, copy.ToArray());
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal((FakeTwilioApi.ApiKey, "audio/mpeg"), (request.User, request.Accept));
    }

    [Fact]
    public async Task DownloadRecording_RedirectToStorageHost_FollowedWithoutCredentials()
    {
        // Twilio answers media requests with a redirect to its storage: "localhost" is another host than "127.0.0.1" here.
        var mp3 = TwilioFixtures.SilentMp3(2);
        var storage = new Uri(_twilio.BaseUrl).Port;
        _twilio.On("GET", $"{FakeTwilioApi.AccountPath}/Recordings/{RecordingSid}.mp3", FakeReply.Redirect($"http://localhost:{storage}/media/{RecordingSid}"));
        _twilio.On("GET", $"/media/{RecordingSid}", FakeReply.Audio(mp3));
        using var harness = new TwilioApiHarness(_twilio);
        using var copy = new MemoryStream();

        await harness.Rest().DownloadRecordingAsync(RecordingSid, copy, default);

        Assert.Equal(mp3, copy.ToArray());
        var media = Assert.Single(_twilio.RequestsTo($"/media/{RecordingSid}"));
        Assert.Null(media.User);
    }

    [Fact]
    public async Task RestClient_NoAccountSid_RefusesWithWhatToSet()
    {
        using var harness = new TwilioApiHarness(_twilio, true, ("TWILIO_ACCOUNT_SID", null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Null(harness.Rest().Credential);
        Assert.Contains("TWILIO_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(_twilio.Requests);
    }
}
