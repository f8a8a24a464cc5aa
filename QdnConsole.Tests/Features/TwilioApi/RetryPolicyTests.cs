using System.Net;
using QdnConsole.Features.TwilioApi;

namespace QdnConsole.Tests.Features.TwilioApi;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsRetryable_Status_Only429And5xx(HttpStatusCode status, bool retryable) =>
        Assert.Equal(retryable, RetryPolicy.IsRetryable(status));

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(3, 0.999999, 2000)]
    [InlineData(10, 0.0, 30000)]
    public void Delay_NoRetryAfter_ExponentialCappedWithJitterUpToHalf(int retry, double random, double expectedMs) =>
        Assert.Equal(expectedMs, RetryPolicy.Delay(retry, null, Base, Max, random).TotalMilliseconds, precision: 0);

    [Fact]
    public void Delay_RetryAfter_UsedAsIs()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.Delay(1, TimeSpan.FromSeconds(7), Base, Max, 0.5));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Delay(1, TimeSpan.FromSeconds(-3), Base, Max, 0.5));
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_AsWait()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "12");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Sat, 21 Nov 2026 12:00:45 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(12), RetryPolicy.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(45), RetryPolicy.RetryAfter(date, now));
        Assert.Null(RetryPolicy.RetryAfter(none, now));
    }
}
