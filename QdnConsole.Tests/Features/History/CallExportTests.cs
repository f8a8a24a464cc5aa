using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.History;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.History.HistoryTestData;

namespace QdnConsole.Tests.Features.History;

/// <summary>GET /calls/export.csv through the real app: the filters, the format, and who may have it.</summary>
public sealed class CallExportTests : IDisposable
{
    // Queen of San Diego is in Los Angeles (UTC-7 in June): its 15 June is 07:00Z on the 15th to 07:00Z on the 16th.
    private static readonly DateTime LaDayStart = new(2026, 6, 15, 7, 0, 0, DateTimeKind.Utc);
    private const string OtherCaller = "+17605550123";

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Export_NoFilter_AllRealCallsNewestFirstWithoutTestCalls()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync();

        Assert.Equal(await ExpectedAsync(c => !c.IsTest), csv.Sids());
        Assert.Equal(CallExport.Header, csv[0]);
    }

    [Fact]
    public async Task Export_IncludeTestCalls_AddsThem()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?test=true");

        Assert.Equal(await ExpectedAsync(c => true), csv.Sids());
        Assert.Contains(csv, r => r[^1] == "true");
    }

    [Fact]
    public async Task Export_ByLine_OnlyThatLine()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?line=shop");

        Assert.Equal(await ExpectedAsync(c => c.LineId == "shop" && !c.IsTest), csv.Sids());
        Assert.All(csv.Skip(1), r => Assert.Equal(("Shop", "America/New_York"), (r[4], r[3])));
    }

    [Fact]
    public async Task Export_ByDisposition_OnlyThatDisposition()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?disposition=Voicemail");

        Assert.Equal(await ExpectedAsync(c => c.Disposition == CallDisposition.Voicemail && !c.IsTest), csv.Sids());
    }

    [Theory]
    [InlineData("619-555-0199")]
    [InlineData("(619) 555 0199")]
    [InlineData("+1 619 555 0199")]
    public async Task Export_ByCallerTypedAnyWay_FindsTheE164Number(string typed)
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?caller=" + Uri.EscapeDataString(typed));

        Assert.Equal(await ExpectedAsync(c => c.From == TwilioWebhookClient.Caller && !c.IsTest), csv.Sids());
    }

    [Fact]
    public async Task Export_ByDateRangeOnAllLines_UsesTheFirstLinesZone()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?from=2026-06-15&to=2026-06-15");

        var end = LaDayStart.AddDays(1);
        Assert.Equal(await ExpectedAsync(c => c.StartedAtUtc >= LaDayStart && c.StartedAtUtc < end && !c.IsTest), csv.Sids());
        var first = csv.Single(r => r[1] == "2026-06-15T07:00:00Z");
        Assert.Equal(("2026-06-15 00:00:00", "America/Los_Angeles"), (first[2], first[3]));
    }

    [Fact]
    public async Task Export_ByDateRangeOnOneLine_UsesThatLinesZone()
    {
        var client = await SeedAsync();

        var csv = await client.CsvAsync("?line=shop&from=2026-06-15&to=2026-06-15");

        // New York is UTC-4 in June.
        var start = new DateTime(2026, 6, 15, 4, 0, 0, DateTimeKind.Utc);
        var end = start.AddDays(1);
        Assert.Equal(await ExpectedAsync(c => c.LineId == "shop" && c.StartedAtUtc >= start && c.StartedAtUtc < end && !c.IsTest), csv.Sids());
    }

    [Fact]
    public async Task Export_AllFiltersTogether_MatchesThePageRows()
    {
        var client = await SeedAsync();
        const string query = "?line=qdn&from=2026-06-15&to=2026-06-16&disposition=Missed&caller=619";

        var page = await client.HtmlAsync("/calls" + query);
        var csv = await client.CsvAsync(query);

        var end = LaDayStart.AddDays(2);
        var expected = await ExpectedAsync(c => c.LineId == "qdn" && c.StartedAtUtc >= LaDayStart && c.StartedAtUtc < end
            && c.Disposition == CallDisposition.Missed && c.From.Contains("619") && !c.IsTest);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, csv.Sids());
        Assert.Equal(expected, page.QuerySelectorAll("tr[data-call-sid]").Select(r => r.GetAttribute("data-call-sid")));
    }

    [Fact]
    public async Task HistoryPage_DownloadLink_CarriesTheCurrentFilters()
    {
        var client = await SeedAsync();

        var page = await client.HtmlAsync("/calls?disposition=voicemail&line=shop&caller=%20760%20&before=");

        var href = page.QuerySelector("#download-csv")!.GetAttribute("href");
        Assert.Equal("calls/export.csv?line=shop&disposition=Voicemail&caller=760", href);
        Assert.True(page.QuerySelector("#download-csv")!.HasAttribute("download"));
    }

    [Fact]
    public async Task Export_Response_IsAnAttachedUtf8CsvNamedByDateAndNeverCached()
    {
        var client = await SeedAsync();

        using var response = await client.GetAsync(new Uri("/calls/export.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(@"^calls-\d{4}-\d{2}-\d{2}\.csv$", disposition.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.EndsWith("\r\n", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AwkwardText_QuotedPerRfc4180AndFormulasDefused()
    {
        var client = await _app.SignedInClientAsync();
        var start = LaDayStart;
        await _app.InsertAsync(
            NewCall(start, callerName: "Smith, \"Jo\"\nJr"),
            NewCall(start.AddMinutes(1), callerName: "=HYPERLINK(\"http://evil.example\",\"click\")"),
            NewCall(start.AddMinutes(2), callerName: "@SUM(A1:A9)"),
            NewCall(start.AddMinutes(3), callerName: "-2+3", from: "anonymous"),
            NewCall(start.AddMinutes(4), callerName: "+cmd|' /C calc'!A0"),
            NewCall(start.AddMinutes(5), callerName: "\t=1+1"));

        using var response = await client.GetAsync(new Uri("/calls/export.csv", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var csv = Csv.Parse(body);

        Assert.Contains("\"Smith, \"\"Jo\"\"\nJr\"", body, StringComparison.Ordinal);
        var names = csv.Skip(1).Select(r => r[6]).Reverse().ToList();
        Assert.Equal(
            ["Smith, \"Jo\"\nJr", "'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(A1:A9)", "'-2+3", "'+cmd|' /C calc'!A0", "'\t=1+1"],
            names);
        // Phone numbers are text everywhere: one leading quote, every digit and the '+' kept.
        Assert.All(csv.Skip(1).Where(r => r[6] != "'-2+3"), r => Assert.Equal("'" + TwilioWebhookClient.Caller, r[5]));
        Assert.All(csv.Skip(1), r => Assert.Equal("'" + TwilioWebhookClient.LineNumber, r[7]));
        Assert.Equal("anonymous", csv.Skip(1).Single(r => r[6] == "'-2+3")[5]);
        Assert.DoesNotContain(csv.SelectMany(r => r), f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@' or '\t');
    }

    [Fact]
    public async Task Export_StaffUser_MayDownload()
    {
        await _app.AddUserAsync("staff@example.com", UserRole.Staff);
        var client = await _app.SignedInClientAsync("staff@example.com", ConsoleUsers.StaffPassword);
        await _app.InsertAsync(NewCall(LaDayStart));

        var csv = await client.CsvAsync();

        Assert.Single(csv.Sids());
    }

    [Theory]
    [InlineData("/calls/export.csv")]
    [InlineData("/calls/export.csv?test=true")]
    [InlineData("/calls")]
    [InlineData("/calls?test=true")]
    public async Task History_Anonymous_SentToSignInWithoutData(string path)
    {
        var call = NewCall(LaDayStart, isTest: true);
        await _app.InsertAsync(call);
        var id = await _app.DbAsync(db => db.Calls.Select(c => c.Id).SingleAsync());

        foreach (var target in new[] { path, $"/calls/{id}" })
        {
            using var response = await _app.Browserless().GetAsync(new Uri(target, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain(call.CallSid, body, StringComparison.Ordinal);
            Assert.DoesNotContain(call.From, body, StringComparison.Ordinal);
        }
    }

    /// <summary>Two lines, every disposition, both sides of the Los Angeles day's edges, a test call and an anonymous caller.</summary>
    private async Task<HttpClient> SeedAsync()
    {
        await _app.AddShopLineAsync();
        await _app.InsertAsync(
            NewCall(LaDayStart.AddMinutes(-1)),
            NewCall(LaDayStart, from: OtherCaller, disposition: CallDisposition.Voicemail),
            NewCall(LaDayStart.AddDays(1).AddMinutes(-1), disposition: CallDisposition.Missed, callerName: "PATEL R"),
            NewCall(LaDayStart.AddDays(1), from: OtherCaller, disposition: CallDisposition.Abandoned),
            NewCall(LaDayStart.AddHours(5), lineId: "shop"),
            NewCall(LaDayStart.AddHours(6), lineId: "shop", from: "anonymous", disposition: CallDisposition.Voicemail),
            NewCall(LaDayStart.AddHours(8), isTest: true),
            NewCall(LaDayStart.AddHours(9), lineId: "shop", from: "+16195551234", disposition: CallDisposition.Failed),
            NewCall(LaDayStart.AddHours(10), disposition: CallDisposition.InProgress),
            NewCall(LaDayStart.AddDays(-3), lineId: "shop", from: OtherCaller, disposition: CallDisposition.Voicemail),
            NewCall(LaDayStart.AddHours(-5), lineId: "shop"));
        return await _app.SignedInClientAsync();
    }

    private Task<List<string>> ExpectedAsync(Expression<Func<Call, bool>> where) =>
        _app.DbAsync(db => db.Calls.Where(where).OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Select(c => c.CallSid).ToListAsync());
}
