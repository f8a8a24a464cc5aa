using QdnConsole.Features.Preview;

namespace QdnConsole.Tests.Features.Preview;

/// <summary>Moments typed for a line in San Diego (UTC-8 in November, UTC-7 from 14 March 2027).</summary>
public sealed class MomentParserTests
{
    private const string SanDiego = "America/Los_Angeles";

    // Saturday 21 November 2026, 04:03 in San Diego.
    private static readonly DateTime SaturdayMorning = new(2026, 11, 21, 12, 3, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("now")]
    [InlineData("  NOW ")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_Now_IsTheCurrentMoment(string? text)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Equal(new ParsedMoment(SaturdayMorning, null), moment);
    }

    [Theory]
    [InlineData("Saturday 22:00")]
    [InlineData("sat 10pm")]
    [InlineData("Sat, 10 p.m.")]
    [InlineData("saturday at 22:00")]
    [InlineData("22:00")]
    public void Parse_SaturdayLaterToday_IsTodayNotNextWeek(string text)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Equal(Utc(2026, 11, 22, 6, 0), moment.Utc);
        Assert.Null(moment.Error);
    }

    [Theory]
    [InlineData("Saturday 03:00")]
    [InlineData("sat 4:03am")]
    public void Parse_SaturdayTimeAlreadyPassedToday_RollsToNextWeek(string text)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Equal(DateOnly.FromDateTime(new DateTime(2026, 11, 28)), DateOnly.FromDateTime(Local(moment.Utc!.Value)));
    }

    [Fact]
    public void Parse_BareTimeAlreadyPassed_IsTomorrow()
    {
        Assert.Equal(Utc(2026, 11, 22, 11, 0), MomentParser.Parse("3:00", SanDiego, SaturdayMorning).Utc);
    }

    [Theory]
    [InlineData("tomorrow 9:00", 2026, 11, 22, 17, 0)]
    [InlineData("Sunday 9am", 2026, 11, 22, 17, 0)]
    [InlineData("mon 12pm", 2026, 11, 23, 20, 0)]
    [InlineData("tues 12am", 2026, 11, 24, 8, 0)]
    [InlineData("Friday noon", 2026, 11, 27, 20, 0)]
    [InlineData("today 23:30", 2026, 11, 22, 7, 30)]
    [InlineData("2026-11-28 22:00", 2026, 11, 29, 6, 0)]
    [InlineData("2026-11-28T22:00", 2026, 11, 29, 6, 0)]
    [InlineData("2026-11-28T22:00:00", 2026, 11, 29, 6, 0)]
    public void Parse_FriendlyOrIso_IsThatWallClockTimeInTheLinesZone(string text, int y, int mo, int d, int h, int mi)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Null(moment.Error);
        Assert.Equal(Utc(y, mo, d, h, mi), moment.Utc);
    }

    [Fact]
    public void Parse_SameTextInAnotherZone_IsAnotherInstant()
    {
        Assert.Equal(Utc(2026, 11, 21, 22, 0), MomentParser.Parse("Saturday 22:00", "Europe/London", SaturdayMorning).Utc);
    }

    [Fact]
    public void Parse_DateInDaylightSavingGap_ErrorSaysTheTimeDoesNotExist()
    {
        var moment = MomentParser.Parse("2027-03-14 02:30", SanDiego, SaturdayMorning);

        Assert.Null(moment.Utc);
        Assert.Contains("02:30 does not exist", moment.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WeekdayLandingInDaylightSavingGap_Error()
    {
        var wednesdayBefore = new DateTime(2027, 3, 10, 20, 0, 0, DateTimeKind.Utc);

        var moment = MomentParser.Parse("Sunday 2:30am", SanDiego, wednesdayBefore);

        Assert.Null(moment.Utc);
        Assert.Contains("the clocks skip it", moment.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AfterDaylightSavingStarts_UsesSummerOffset()
    {
        Assert.Equal(Utc(2027, 3, 14, 10, 0), MomentParser.Parse("2027-03-14 03:00", SanDiego, SaturdayMorning).Utc);
    }

    [Theory]
    [InlineData("someday")]
    [InlineData("25:00")]
    [InlineData("13pm")]
    [InlineData("sat 10:75")]
    [InlineData("next week")]
    public void Parse_Unreadable_ErrorQuotesItAndGivesExamples(string text)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Null(moment.Utc);
        Assert.Equal($"Could not read “{text}” as a moment. Try {MomentParser.Examples}.", moment.Error);
    }

    [Theory]
    [InlineData("2026-13-01 10:00", "2026-13-01")]
    [InlineData("someday 10:00", "someday")]
    public void Parse_UnknownDay_ErrorNamesTheDay(string text, string day)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Null(moment.Utc);
        Assert.StartsWith($"“{day}” is not a day.", moment.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Saturday")]
    [InlineData("tomorrow")]
    public void Parse_DayWithoutTime_AsksForATime(string text)
    {
        var moment = MomentParser.Parse(text, SanDiego, SaturdayMorning);

        Assert.Null(moment.Utc);
        Assert.StartsWith("Add a time", moment.Error, StringComparison.Ordinal);
    }

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static DateTime Local(DateTime utc) => QdnConsole.Features.Lines.LineClock.ToLocal(SanDiego, utc);
}
