using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>A throw-away SQLite file (EF creates it in WAL mode, hence the side files), deleted once no pooled connection holds it.</summary>
public sealed class TempDatabase(string name = "test") : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qdn-tests", $"{name}-{Guid.NewGuid():N}.db");

    public QdnDbContext NewContext()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        return new QdnDbContext(new DbContextOptionsBuilder<QdnDbContext>().UseSqlite($"Data Source={Path}").Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
