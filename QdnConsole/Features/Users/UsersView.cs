using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;

namespace QdnConsole.Features.Users;

public enum InviteState
{
    None,
    Pending,
    Expired,
}

public sealed record UserRow(
    int Id,
    string Email,
    string? Name,
    UserRole Role,
    int? PersonId,
    string? PersonName,
    bool HasPassword,
    InviteState Invite,
    DateTime? InviteExpiresAtUtc,
    DateTime? LockedUntilUtc,
    DateTime? LastSignInAtUtc);

public sealed record PersonOption(int Id, string Name);

/// <summary>Everyone who can sign in, the people they may be linked to, and the zone their times are shown in.</summary>
public sealed record UsersView(IReadOnlyList<UserRow> Users, IReadOnlyList<PersonOption> People, TimeZoneInfo Zone)
{
    public string Local(DateTime? utc) => utc is { } at
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm")
        : "never";

    public static async Task<UsersView> LoadAsync(QdnDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.Role, u.PersonId, PersonName = u.Person == null ? null : u.Person.Name,
                HasPassword = u.PasswordHash != null, Invited = u.InviteCodeHash != null, u.InviteExpiresAtUtc,
                u.LockedUntilUtc, u.LastSignInAtUtc,
            })
            .ToListAsync(ct);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => new PersonOption(p.Id, p.Name)).ToListAsync(ct);
        // Users belong to no line: their times are shown in the zone of the first line, where the staff live.
        var zoneId = await db.Lines.AsNoTracking().OrderBy(l => l.CreatedAtUtc).ThenBy(l => l.Id).Select(l => l.TimeZone).FirstOrDefaultAsync(ct);
        var zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var rows = users.Select(u => new UserRow(
            u.Id, u.Email, u.DisplayName, u.Role, u.PersonId, u.PersonName, u.HasPassword,
            !u.Invited ? InviteState.None : u.InviteExpiresAtUtc > nowUtc ? InviteState.Pending : InviteState.Expired,
            u.InviteExpiresAtUtc,
            u.LockedUntilUtc > nowUtc ? u.LockedUntilUtc : null,
            u.LastSignInAtUtc)).ToList();
        return new UsersView(rows, people, zone);
    }
}

/// <summary>What the audit log keeps of a user: never the password hash, the invite code or its hash.</summary>
public sealed record UserSnapshot(string Email, string? Name, string Role, string? Person, bool HasPassword, DateTime? InviteExpiresAtUtc, DateTime? LockedUntilUtc)
{
    public static UserSnapshot Of(User user) => new(
        user.Email, user.DisplayName, user.Role.ToString(), user.Person?.Name, user.PasswordHash is not null,
        user.InviteCodeHash is null ? null : user.InviteExpiresAtUtc, user.LockedUntilUtc);
}
