using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Lines;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Lines;

/// <summary>
/// Routing reads lines from an in-memory snapshot; whatever way the app writes a line, step or person, the very next
/// call must see it.
/// </summary>
public sealed class LineStoreTests : IDisposable
{
    private readonly QdnAppFactory _app = new();

    public LineStoreTests() => _app.CreateClient().Dispose();

    public void Dispose() => _app.Dispose();

    private LineStore Store => _app.Services.GetRequiredService<LineStore>();

    private QdnDbContext NewContext() => _app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>().CreateDbContext();

    [Fact]
    public async Task Find_AfterTrackedSave_SeesTheChange()
    {
        Assert.True(await SergioAvailableAsync());
        await using (var db = NewContext())
        {
            var sergio = await db.People.SingleAsync(p => p.Name == "Sergio");
            sergio.Available = false;
            await db.SaveChangesAsync();
        }

        Assert.False(await SergioAvailableAsync());
    }

    [Fact]
    public async Task Find_AfterBulkUpdate_SeesTheChange()
    {
        Assert.False(await MaintenanceAsync());
        await using (var db = NewContext())
        {
            await db.Lines.ExecuteUpdateAsync(s => s.SetProperty(l => l.MaintenanceMode, true));
        }

        Assert.True(await MaintenanceAsync());
    }

    [Fact]
    public async Task Find_DuringTransaction_OldValueThenNewValueOnceCommitted()
    {
        Assert.True(await SergioAvailableAsync());
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sergio = await db.People.SingleAsync(p => p.Name == "Sergio");
        sergio.Available = false;
        await db.SaveChangesAsync();

        var duringTransaction = await SergioAvailableAsync();
        await transaction.CommitAsync();

        Assert.True(duringTransaction);
        Assert.False(await SergioAvailableAsync());
    }

    [Fact]
    public async Task Find_CalledNumberThenLineIdThenFirstLine()
    {
        var byNumber = await Store.FindAsync("nope", "+18585550100", CancellationToken.None);
        var byId = await Store.FindAsync("qdn", "+19999999999", CancellationToken.None);
        var first = await Store.FindAsync(null, null, CancellationToken.None);

        Assert.Equal(("qdn", "qdn", "qdn"), (byNumber?.Id, byId?.Id, first?.Id));
    }

    private async Task<bool> SergioAvailableAsync()
    {
        var line = await Store.FindAsync("qdn", null, CancellationToken.None);
        return line!.Steps.Single(s => s.Name == "Sergio").Available;
    }

    private async Task<bool> MaintenanceAsync() => (await Store.FindAsync("qdn", null, CancellationToken.None))!.Maintenance.On;
}
