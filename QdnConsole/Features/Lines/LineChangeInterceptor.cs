using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QdnConsole.Data;

namespace QdnConsole.Features.Lines;

/// <summary>Counts saved changes to lines, steps and people; routing's cached line snapshot reloads when it moves.</summary>
public sealed class LineVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}

/// <summary>
/// Bumps <see cref="LineVersion"/> whenever the app writes a line, a cascade step or a person, whoever writes it
/// (availability switch, line editor, seeder, a bulk ExecuteUpdate, raw SQL through the context), so no write path
/// can forget to. Inside an explicit transaction the bump happens again at commit: a call routed between the write and
/// the commit read the old rows, and must not keep them. Writes from outside the app (another process) are not seen;
/// several app instances will share invalidations over the live feed's backplane.
/// </summary>
public sealed class LineChangeInterceptor(LineVersion version) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] LineTables = ["\"Lines\"", "\"CascadeSteps\"", "\"People\""];

    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Written(command, eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Written(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Line or CascadeStep or Person))
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    /// <summary>ExecuteUpdate, ExecuteDelete and raw SQL bypass the change tracker: their statements name the table.</summary>
    private void Written(System.Data.Common.DbCommand command, DbContext? context)
    {
        var sql = command.CommandText;
        if (!LineTables.Any(t => sql.Contains(t, StringComparison.Ordinal)))
        {
            return;
        }

        version.Bump();
        if (context?.Database.CurrentTransaction is not null)
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out _))
        {
            version.Bump();
            if (context.Database.CurrentTransaction is null)
            {
                _pending.Remove(context);
            }
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            version.Bump();
        }
    }
}
