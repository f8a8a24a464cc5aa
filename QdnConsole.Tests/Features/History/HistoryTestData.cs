using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using QdnConsole.Data;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.History;

/// <summary>Calls put straight into the store (for volume and exact times), and readers for the pages and the CSV.</summary>
internal static class HistoryTestData
{
    public static Call NewCall(
        DateTime startedUtc,
        string lineId = "qdn",
        string from = TwilioWebhookClient.Caller,
        CallDisposition disposition = CallDisposition.Answered,
        bool isTest = false,
        string? callerName = null) => new()
        {
            CallSid = VoiceTestHelpers.NewCallSid(),
            LineId = lineId,
            From = from,
            To = TwilioWebhookClient.LineNumber,
            CallerName = callerName,
            StartedAtUtc = startedUtc,
            EndedAtUtc = startedUtc.AddMinutes(2),
            DurationSeconds = 120,
            TwilioStatus = disposition == CallDisposition.InProgress ? "in-progress" : "completed",
            Disposition = disposition,
            AnsweredByName = disposition == CallDisposition.Answered ? "Sergio" : null,
            VoicemailReason = disposition is CallDisposition.Voicemail or CallDisposition.Missed ? VoicemailReason.NoAnswer : null,
            IsTest = isTest,
        };

    public static Task<int> InsertAsync(this QdnAppFactory app, params Call[] calls) =>
        app.DbAsync(db =>
        {
            db.Calls.AddRange(calls);
            return db.SaveChangesAsync();
        });

    /// <summary>A second line, in New York, next to the configured San Diego one.</summary>
    public static Task<int> AddShopLineAsync(this QdnAppFactory app) =>
        app.DbAsync(db =>
        {
            db.Lines.Add(new Line
            {
                Id = "shop",
                Name = "Shop",
                Number = "+12125550100",
                TimeZone = "America/New_York",
                CreatedAtUtc = DateTime.UtcNow,
                UpdatedAtUtc = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });

    public static async Task<IDocument> HtmlAsync(this HttpClient client, string path) =>
        await ParseAsync(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    public static Task<IDocument> ParseAsync(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));

    /// <summary>The export for a query string, parsed; the first record is the header.</summary>
    public static async Task<List<string[]>> CsvAsync(this HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(new Uri("/calls/export.csv" + query, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return Csv.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The CallSid column of an export, header left out.</summary>
    public static string[] Sids(this List<string[]> csv) => [.. csv.Skip(1).Select(r => r[0])];
}

/// <summary>A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes and embedded line breaks.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = text.StartsWith('\uFEFF') ? 1 : 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else if (c is '\r' or '\n' or '"')
            {
                throw new FormatException($"Bare {(int)c} at {i}: not RFC 4180.");
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (quoted || field.Length > 0 || fields.Count > 0)
        {
            throw new FormatException("The last record is not ended with CRLF.");
        }

        return records;
    }
}
