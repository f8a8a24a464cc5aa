using System.Globalization;
using System.Text;
using QdnConsole.Data;

namespace QdnConsole.Tests.Data;

/// <summary>
/// The call writer and reader format and parse times by hand: the text must be exactly what Microsoft.Data.Sqlite
/// writes for EF (so EF, the history page and SQL ordering read it the same), and read back to the tick.
/// </summary>
public sealed class SqliteStatementTimeTests
{
    private const string EfFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    public static TheoryData<DateTime> Times()
    {
        var random = new Random(20261121);
        var data = new TheoryData<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 11, 21, 0, 0, 0), new DateTime(2028, 2, 29, 23, 59, 59),
            new DateTime(2026, 11, 21, 17, 5, 9).AddTicks(1), new DateTime(2026, 11, 21, 17, 5, 9).AddTicks(1_000_000),
            new DateTime(999, 1, 2, 3, 4, 5).AddTicks(1_230_000),
        };
        for (var i = 0; i < 200; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Half of them with whole milliseconds, as clocks usually give, so trailing zeros are trimmed too.
            data.Add(new DateTime(i % 2 == 0 ? ticks : ticks - (ticks % TimeSpan.TicksPerMillisecond)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void FormatTime_WritesWhatMicrosoftDataSqliteWrites_AndParsesBackToTheTick(DateTime time)
    {
        Span<byte> text = stackalloc byte[27];

        var written = SqliteStatement.FormatTime(time, text);

        Assert.Equal(time.ToString(EfFormat, CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..written]));
        Assert.True(SqliteStatement.TryParseTime(text[..written], out var parsed));
        Assert.Equal(time.Ticks, parsed.Ticks);
    }

    [Theory]
    [InlineData("2026-11-21 17:05:09.1", 1_000_000)]
    [InlineData("2026-11-21 17:05:09.0000001", 1)]
    [InlineData("2026-11-21 17:05:09", 0)]
    public void TryParseTime_ShortFractions_AreTenthsHundredthsAndSoOn(string text, long ticksIntoSecond)
    {
        Assert.True(SqliteStatement.TryParseTime(Encoding.ASCII.GetBytes(text), out var parsed));
        Assert.Equal(new DateTime(2026, 11, 21, 17, 5, 9).AddTicks(ticksIntoSecond), parsed);
    }

    /// <summary>Anything else is left to the general parser, never misread.</summary>
    [Theory]
    [InlineData("2026-11-21T17:05:09")]
    [InlineData("2026-11-21 17:05:09.")]
    [InlineData("2026-11-21 17:05:09.12345678")]
    [InlineData("2026-13-01 00:00:00")]
    [InlineData("2026-02-29 00:00:00")]
    [InlineData("2026-11-21 24:00:00")]
    [InlineData("2026-11-21 17:60:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("2026-11-21 17:05:0x")]
    [InlineData("2026-11-21 17:05:09+00:00")]
    [InlineData("")]
    public void TryParseTime_OtherText_IsNotRead(string text) =>
        Assert.False(SqliteStatement.TryParseTime(Encoding.ASCII.GetBytes(text), out _));
}
