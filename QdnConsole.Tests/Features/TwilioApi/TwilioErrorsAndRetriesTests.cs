using QdnConsole.Features.TwilioApi;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.TwilioApi;

/// <summary>Twilio's error bodies become clear exceptions; only 429 and 5xx are retried, within the configured attempts.</summary>
public sealed class TwilioErrorsAndRetriesTests : IAsyncLifetime
{
    private const string CallSid = "CA44444444444444444444444444444444";
    private static readonly string CallPath = $"{FakeTwilioApi.AccountPath}/Calls/{CallSid}.json";
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task Fetch_TwilioErrorBody_ExceptionCarriesCodeMessageAndMoreInfo()
    {
        _twilio.On("GET", CallPath, FakeReply.Error(404, 20404, $"The requested resource {CallPath} was not found"));
        using var harness = new TwilioApiHarness(_twilio);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Equal((404, 20404, "https://www.twilio.com/docs/errors/20404", true), (error.HttpStatus, error.Code, error.MoreInfo, error.IsNotFound));
        Assert.Contains("was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("Twilio error 20404, HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /2010-04-01/Accounts/{AccountSid}/Calls/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilioApi.ApiSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, 21205)]
    [InlineData(401, 20003)]
    [InlineData(403, 20403)]
    [InlineData(404, 20404)]
    public async Task Fetch_ClientError_NotRetried(int status, int code)
    {
        _twilio.On("GET", CallPath, FakeReply.Error(status, code, "refused"));
        using var harness = new TwilioApiHarness(_twilio);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Equal(code, error.Code);
        Assert.Single(_twilio.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Fetch_TransientThenOk_RetriedUntilItWorks(int status)
    {
        _twilio.On("GET", CallPath, FakeReply.Error(status, 20500, "try later"), FakeReply.Error(status, 20500, "try later"),
            FakeReply.Json(TwilioFixtures.Call(CallSid, "completed", 9)));
        using var harness = new TwilioApiHarness(_twilio);

        var call = await harness.Rest().FetchCallAsync(CallSid, default);

        Assert.Equal("completed", call.Status);
        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Equal(2, harness.Logs.Lines.Count(l => l.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fetch_ServerErrorEveryTime_GivesUpAfterMaxAttempts()
    {
        _twilio.On("GET", CallPath, FakeReply.Error(503, 20503, "Service unavailable"));
        using var harness = new TwilioApiHarness(_twilio, true, ("Twilio:Rest:MaxAttempts", "4"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(4, _twilio.Requests.Count);
    }

    [Fact]
    public async Task Fetch_RetryAfterZero_RetriedAtOnce()
    {
        _twilio.On("GET", CallPath, FakeReply.Error(429, 20429, "Too many requests", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            FakeReply.Json(TwilioFixtures.Call(CallSid, "completed")));
        using var harness = new TwilioApiHarness(_twilio, true, ("Twilio:Rest:RetryDelay", "00:00:05"), ("Twilio:Rest:MaxRetryDelay", "00:00:05"));

        await harness.Rest().FetchCallAsync(CallSid, default);

        // A 5 s back-off would have been used without Retry-After; the test would still pass, only slower. The next test
        // proves the header is read: a Retry-After longer than the maximum wait ends the request instead.
        Assert.Equal(2, _twilio.Requests.Count);
    }

    [Fact]
    public async Task Fetch_RetryAfterLongerThanMaxWait_NotRetried()
    {
        _twilio.On("GET", CallPath, FakeReply.Error(429, 20429, "Too many requests", new Dictionary<string, string> { ["Retry-After"] = "120" }),
            FakeReply.Json(TwilioFixtures.Call(CallSid, "completed")));
        using var harness = new TwilioApiHarness(_twilio, true, ("Twilio:Rest:MaxRetryDelay", "00:00:30"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Equal((429, 20429), (error.HttpStatus, error.Code));
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Fetch_NoAnswerWithinTimeout_TimeoutErrorAndNoRetry()
    {
        _twilio.On("GET", CallPath, FakeReply.Json(TwilioFixtures.Call(CallSid, "completed")) with { Delay = TimeSpan.FromSeconds(30) });
        using var harness = new TwilioApiHarness(_twilio, true, ("Twilio:Rest:Timeout", "00:00:00.200"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Null(error.HttpStatus);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task Fetch_ErrorPageNotJson_StatusLineInMessage()
    {
        _twilio.On("GET", CallPath, new FakeReply(502, "<html>Bad gateway</html>"u8.ToArray(), "text/html"));
        using var harness = new TwilioApiHarness(_twilio, true, ("Twilio:Rest:MaxAttempts", "1"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Rest().FetchCallAsync(CallSid, default));

        Assert.Equal((502, (int?)null), (error.HttpStatus, error.Code));
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
    }
}
