using QdnConsole.Data;
using QdnConsole.Features.History;

namespace QdnConsole.Tests.Features.History;

public sealed class CallFilterTests
{
    [Fact]
    public void Parse_GoodValues_AllKept()
    {
        var filter = CallFilter.Parse(" qdn ", "2026-06-01", "2026-06-30", "inprogress", " 619-555-0199 ", "true");

        Assert.Equal(new CallFilter("qdn", new(2026, 6, 1), new(2026, 6, 30), CallDisposition.InProgress, "619-555-0199", true), filter);
        Assert.Equal("6195550199", filter.CallerNeedle);
    }

    [Fact]
    public void Parse_Nonsense_IgnoredNotFailed()
    {
        var filter = CallFilter.Parse("", "yesterday", "2026-13-45", "3", "   ", "maybe");

        Assert.Equal(new CallFilter(), filter);
        Assert.Null(filter.CallerNeedle);
    }

    [Theory]
    [InlineData("Answered,Voicemail")]
    [InlineData("-1")]
    [InlineData("Flooded")]
    public void Parse_UnknownDisposition_NoDispositionFilter(string value) =>
        Assert.Null(CallFilter.Parse(null, null, null, value, null, null).Disposition);

    [Fact]
    public void CallerNeedle_NoDigits_LooksForTheText() =>
        Assert.Equal("anonymous", CallFilter.Parse(null, null, null, null, "anonymous", null).CallerNeedle);

    [Fact]
    public void Parse_HugeCaller_Truncated() =>
        Assert.Equal(64, CallFilter.Parse(null, null, null, null, new string('9', 5000), null).Caller!.Length);

    [Fact]
    public void AppendTo_Filter_SameKeysTheParserReads()
    {
        var filter = new CallFilter("qdn", new(2026, 6, 1), null, CallDisposition.Voicemail, "(619) 555", true);

        var url = filter.AppendTo("calls/export.csv");

        Assert.Equal("calls/export.csv?line=qdn&from=2026-06-01&disposition=Voicemail&caller=%28619%29%20555&test=true", url);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x/" + url).Query);
        Assert.Equal(filter, CallFilter.Parse(query["line"], query["from"], query["to"], query["disposition"], query["caller"], query["test"]));
        Assert.Equal("calls", new CallFilter().AppendTo("calls"));
    }

    [Theory]
    // Los Angeles: PDT in June (UTC-7), PST in January (UTC-8), and the spring-forward day starts at normal midnight.
    [InlineData("America/Los_Angeles", "2026-06-15", "2026-06-15T07:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-01-15", "2026-01-15T08:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-03-08", "2026-03-08T08:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-03-09", "2026-03-09T07:00:00Z")]
    // Santiago skips midnight when summer time begins (6 Sept 2026): that day starts at 01:00 local, 04:00Z.
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z")]
    // An unknown zone is UTC.
    [InlineData("Mars/Olympus_Mons", "2026-06-15", "2026-06-15T00:00:00Z")]
    public void StartOfDayUtc_LocalDate_FirstMomentOfThatDay(string zone, string date, string expected) =>
        Assert.Equal(
            DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            ZoneClock.For(zone).StartOfDayUtc(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
