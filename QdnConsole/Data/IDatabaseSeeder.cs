namespace QdnConsole.Data;

/// <summary>Puts first-start data into the store; run in registration order after migrations, on every start.</summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(QdnDbContext db, CancellationToken ct);
}
