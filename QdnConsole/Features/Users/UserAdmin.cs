using System.Data;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;

namespace QdnConsole.Features.Users;

/// <summary>What an owner's action did: a message for the page and, for an invitation, the code to show once.</summary>
public sealed record UserResult(bool Ok, string Message, string? InviteCode = null)
{
    public static UserResult Refused(string message) => new(false, message);
}

/// <summary>
/// The owner's user management. Every change checks that the acting user is still an owner in the store, commits in
/// one serializable transaction with its audit entry (so two owners cannot demote each other at once), and changes
/// the security stamp where the user's open sessions must end (the cookie re-check notices within a minute).
/// </summary>
public sealed partial class UserAdmin(IDbContextFactory<QdnDbContext> dbFactory, AuditLog audit, TimeProvider clock, ILogger<UserAdmin> logger)
{
    public const string EntityType = "User";
    public const string NotOwner = "Only an owner can change users.";
    public const string Gone = "That user no longer exists.";

    public async Task<UsersView> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UsersView.LoadAsync(db, clock.GetUtcNow().UtcDateTime, ct);
    }

    public Task<UserResult> ChangeRoleAsync(Actor actor, int userId, UserRole role, CancellationToken ct) =>
        ChangeAsync(actor, userId, async (db, user, _) =>
        {
            if (!Enum.IsDefined(role) || user.Role == role)
            {
                return (null, new UserResult(true, $"{user.Email} is already {user.Role}."));
            }

            if (user.Role == UserRole.Owner && !await OtherOwnerExistsAsync(db, user, ct))
            {
                return (null, UserResult.Refused(LastOwner(user)));
            }

            user.Role = role;
            user.SecurityStamp = QdnClaims.NewStamp();
            return ("user.role-changed", new UserResult(true, $"{user.Email} is now {role}; they sign in again within a minute."));
        }, ct);

    public Task<UserResult> ChangePersonAsync(Actor actor, int userId, int? personId, CancellationToken ct) =>
        ChangeAsync(actor, userId, async (db, user, _) =>
        {
            Person? person = null;
            if (personId is { } id && (person = await db.People.FindAsync([id], ct)) is null)
            {
                return (null, UserResult.Refused("That person no longer exists."));
            }

            if (user.PersonId == personId)
            {
                return (null, new UserResult(true, $"{user.Email} is already linked that way."));
            }

            user.Person = person;
            user.PersonId = person?.Id;
            // The person is a claim of the sign-in cookie: a new stamp makes the old claim stop working.
            user.SecurityStamp = QdnClaims.NewStamp();
            return ("user.person-changed", new UserResult(true, person is null
                ? $"{user.Email} is no longer linked to a person; they sign in again within a minute."
                : $"{user.Email} is now {person.Name} in the cascades; they sign in again within a minute."));
        }, ct);

    /// <summary>Clears the password and ends the user's sessions; the new invite link lets them choose another.</summary>
    public Task<UserResult> ResetPasswordAsync(Actor actor, int userId, CancellationToken ct) =>
        ChangeAsync(actor, userId, (_, user, now) =>
        {
            var code = InviteCode.New();
            user.PasswordHash = null;
            user.SecurityStamp = QdnClaims.NewStamp();
            ClearLockout(user);
            StartInvite(user, code, actor, now);
            return Task.FromResult<(string?, UserResult)>(("user.password-reset",
                new UserResult(true, $"{user.Email}'s password is cleared and their sessions end within a minute.", code)));
        }, ct);

    public Task<UserResult> UnlockAsync(Actor actor, int userId, CancellationToken ct) =>
        ChangeAsync(actor, userId, (_, user, now) =>
        {
            if (user.LockedUntilUtc is not { } until || until <= now)
            {
                return Task.FromResult<(string?, UserResult)>((null, new UserResult(true, $"{user.Email} is not locked out.")));
            }

            ClearLockout(user);
            return Task.FromResult<(string?, UserResult)>(("user.unlocked", new UserResult(true, $"{user.Email} may sign in again.")));
        }, ct);

    public Task<UserResult> RemoveAsync(Actor actor, int userId, CancellationToken ct) =>
        ChangeAsync(actor, userId, async (db, user, _) =>
        {
            if (user.Role == UserRole.Owner && !await OtherOwnerExistsAsync(db, user, ct))
            {
                return (null, UserResult.Refused(LastOwner(user)));
            }

            db.Users.Remove(user);
            return ("user.removed", new UserResult(true, $"{user.Email} is removed; their open sessions end within a minute."));
        }, ct);

    /// <summary>Loads the user, applies the change (which returns its audit action, or null for a refusal or no-op), audits and commits.</summary>
    private async Task<UserResult> ChangeAsync(Actor actor, int userId,
        Func<QdnDbContext, User, DateTime, Task<(string? Action, UserResult Result)>> apply, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (!await IsOwnerAsync(db, actor, ct))
        {
            return UserResult.Refused(NotOwner);
        }

        var user = await db.Users.Include(u => u.Person).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return UserResult.Refused(Gone);
        }

        var before = UserSnapshot.Of(user);
        var (action, result) = await apply(db, user, clock.GetUtcNow().UtcDateTime);
        if (action is null)
        {
            return result;
        }

        var after = db.Entry(user).State == EntityState.Deleted ? null : UserSnapshot.Of(user);
        audit.Record(db, actor, EntityType, user.Email, action, before, after);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogChanged(logger, action, user.Id, actor.Name);
        return result;
    }

    private static void ClearLockout(User user)
    {
        user.LockedUntilUtc = null;
        user.FailedSignIns = 0;
        user.FailureWindowStartUtc = null;
    }

    // The actor's email is the one in their (re-checked) sign-in cookie; an owner demoted meanwhile is refused here.
    private static Task<bool> IsOwnerAsync(QdnDbContext db, Actor actor, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Email == actor.Name && u.Role == UserRole.Owner, ct);

    private static Task<bool> OtherOwnerExistsAsync(QdnDbContext db, User user, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Role == UserRole.Owner && u.Id != user.Id, ct);

    public static string LastOwner(User user) => $"{user.Email} is the last owner. Make someone else an owner first.";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} for user {UserId} by {Actor}")]
    private static partial void LogChanged(ILogger logger, string action, int userId, string actor);
}
