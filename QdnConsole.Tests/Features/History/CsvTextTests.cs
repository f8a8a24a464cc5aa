using QdnConsole.Data;
using QdnConsole.Features.History;

namespace QdnConsole.Tests.Features.History;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Sergio", "Sergio")]
    [InlineData("Queen of San Diego", "Queen of San Diego")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("+16195550199", "'+16195550199")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("'quoted", "'quoted")]
    public void Field_Value_QuotedAndGuarded(string? value, string expected) => Assert.Equal(expected, CsvText.Field(value));

    [Fact]
    public void Record_Fields_CommaJoinedAndCrlfEnded() =>
        Assert.Equal(",a,,\"b,c\"\r\n", CsvText.Record(["", "a", "", CsvText.Field("b,c")]));

    [Fact]
    public async Task WriteAsync_MoreRowsThanTheCap_StopsThereAndSaysSo()
    {
        var scope = new HistoryScope(new CallFilter(), []);
        var rows = Enumerable.Range(0, 3).Select(i => new HistoryRow(
            i, $"CA{i}", "qdn", "+16195550199", null, "+18585550100", new DateTime(2026, 6, 15, 7, i, 0, DateTimeKind.Utc),
            null, null, null, CallDisposition.InProgress, null, null, false)).ToAsyncEnumerable();
        using var stream = new MemoryStream();

        var written = await CallExport.WriteAsync(stream, scope, rows, maxRows: 2, default);

        var csv = Csv.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(2, written);
        Assert.Equal(4, csv.Count);
        Assert.Equal(["CA0", "CA1"], csv.Skip(1).Take(2).Select(r => r[0]));
        Assert.Equal(["# Export stopped at 2 rows; more calls match. Narrow the filters (dates) and export again."], csv[^1]);
    }

    [Fact]
    public async Task WriteAsync_UnknownLine_ShowsItsIdInUtc()
    {
        var scope = new HistoryScope(new CallFilter(), []);
        var row = new HistoryRow(1, "CA1", "gone", "+16195550199", null, "+18585550100", new DateTime(2026, 6, 15, 7, 0, 0, DateTimeKind.Utc),
            null, 5, "completed", CallDisposition.Answered, "Sergio", null, true);
        using var stream = new MemoryStream();

        await CallExport.WriteAsync(stream, scope, new[] { row }.ToAsyncEnumerable(), 10, default);

        var record = Csv.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()))[1];
        Assert.Equal(
            ["CA1", "2026-06-15T07:00:00Z", "2026-06-15 07:00:00", "UTC", "gone", "'+16195550199", "", "'+18585550100", "Answered", "Sergio", "", "5", "completed", "", "true"],
            record);
    }
}
