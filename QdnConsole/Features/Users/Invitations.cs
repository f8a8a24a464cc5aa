using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;

namespace QdnConsole.Features.Users;

/// <summary>Accepting an invitation: a valid, unexpired code sets the user's password once, then stops working.</summary>
public sealed partial class Invitations(
    IDbContextFactory<QdnDbContext> dbFactory,
    IPasswordHasher<User> hasher,
    AuditLog audit,
    TimeProvider clock,
    ILogger<Invitations> logger)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 200;

    /// <summary>The invited email for a code that still works; null for an unknown, used or expired one.</summary>
    public async Task<string?> FindAsync(string? code, CancellationToken ct)
    {
        if (HashOf(code) is not { } hash)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => u.InviteCodeHash == hash && u.InviteExpiresAtUtc > now)
            .Select(u => u.Email)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Sets the password and spends the code; null when the code does not (or no longer) work.</summary>
    public async Task<User?> AcceptAsync(string? code, string password, string? remoteAddress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(password.Length, MinPasswordLength);
        if (HashOf(code) is not { } hash)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Writers queue behind each other, so two tabs posting the same code cannot both use it.
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var user = await db.Users.Include(u => u.Person)
            .FirstOrDefaultAsync(u => u.InviteCodeHash == hash && u.InviteExpiresAtUtc > now, ct);
        if (user is null)
        {
            return null;
        }

        var before = UserSnapshot.Of(user);
        user.PasswordHash = hasher.HashPassword(user, password);
        user.InviteCodeHash = null;
        user.InviteExpiresAtUtc = null;
        user.SecurityStamp = QdnClaims.NewStamp();
        user.LockedUntilUtc = null;
        user.FailedSignIns = 0;
        user.FailureWindowStartUtc = null;
        user.LastSignInAtUtc = now;
        audit.Record(db, new Actor(user.Email, "web", remoteAddress), UserAdmin.EntityType, user.Email, "user.invite-accepted", before, UserSnapshot.Of(user));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogAccepted(logger, user.Id);
        return user;
    }

    private static string? HashOf(string? code) => string.IsNullOrEmpty(code) || code.Length > 100 ? null : InviteCode.Hash(code);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} accepted their invitation and set a password")]
    private static partial void LogAccepted(ILogger logger, int userId);
}
