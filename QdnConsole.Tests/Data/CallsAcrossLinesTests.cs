using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Data;

/// <summary>
/// Reads across lines merge one arm per line; with more lines than a compound query should hold they read all calls at
/// once. Either way the newest calls of every line come out in start-time order, ties by id.
/// </summary>
public sealed class CallsAcrossLinesTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    private readonly TempDatabase _database = new("across-lines");

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData(3)]
    [InlineData(CallsAcrossLines.MaxArms + 1)]
    [InlineData(501)] // past SQLite's 500 arms in one compound query
    public async Task NewestAcrossLines_EveryLineInStartOrder_TiesById(int lineCount)
    {
        await using var db = _database.NewContext();
        await db.Database.EnsureCreatedAsync();
        var lines = Enumerable.Range(0, lineCount).Select(i => $"line{i}").ToList();
        db.Lines.AddRange(lines.Select((id, i) => new Line
        {
            Id = id, Name = id, Number = $"+1858555{i:D4}", TimeZone = "America/Los_Angeles", CreatedAtUtc = Start, UpdatedAtUtc = Start,
        }));
        // Two calls a minute, spread over the lines and stored out of order, so ids and times disagree.
        db.Calls.AddRange(Enumerable.Range(0, 300).OrderBy(i => (i * 7919) % 300).Select(i => new Call
        {
            CallSid = $"CA{i:x32}", LineId = lines[i % lineCount], From = "+16195550100", To = "+18585550100", StartedAtUtc = Start.AddMinutes(i / 2),
        }));
        await db.SaveChangesAsync();
        var lineIds = await CallsAcrossLines.LineIdsAsync(db, default);

        var newest = await CallsAcrossLines.Of(db.Calls.AsNoTracking(), lineIds)
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Take(60)
            .Select(c => c.CallSid).ToListAsync();

        var expected = await db.Calls.AsNoTracking().OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id).Take(60)
            .Select(c => c.CallSid).ToListAsync();
        Assert.Equal(lineCount, lineIds.Count);
        Assert.Equal(expected, newest);
        Assert.Equal(Math.Min(lineCount, 60), newest.Select(sid => Convert.ToInt32(sid[2..], 16) % lineCount).Distinct().Count());
    }
}
