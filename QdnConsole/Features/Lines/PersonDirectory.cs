using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Lines;

/// <summary>
/// One person per name and phone: a step naming Sergio at his number is the same Sergio on every line, so the
/// availability he set (which belongs to the person) holds wherever he is rung.
/// </summary>
public static class PersonDirectory
{
    /// <summary>The person with this name and number (added to this unit of work earlier, or stored), else a new, available one.</summary>
    public static async Task<Person> FindOrAddAsync(QdnDbContext db, string name, string number, DateTime nowUtc, CancellationToken ct)
    {
        var person = db.People.Local.FirstOrDefault(p => p.Number == number && p.Name == name)
            ?? await db.People.FirstOrDefaultAsync(p => p.Number == number && p.Name == name, ct);
        if (person is null)
        {
            person = new Person { Name = name, Number = number, CreatedAtUtc = nowUtc };
            db.People.Add(person);
        }

        return person;
    }
}
