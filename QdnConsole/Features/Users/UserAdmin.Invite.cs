using System.Data;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;

namespace QdnConsole.Features.Users;

public sealed record InviteRequest(string? Email, string? Name, UserRole Role, int? PersonId);

/// <summary>Inviting: a user without a password, and a one-time code (only its hash stored) to choose one.</summary>
public sealed partial class UserAdmin
{
    public async Task<UserResult> InviteAsync(Actor actor, InviteRequest request, CancellationToken ct)
    {
        var email = QdnClaims.NormalizeEmail(request.Email);
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return UserResult.Refused("Enter a valid email address.");
        }

        if (name is { Length: > 100 } || !Enum.IsDefined(request.Role))
        {
            return UserResult.Refused("Use a name of at most 100 characters and a role of Owner or Staff.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (!await IsOwnerAsync(db, actor, ct))
        {
            return UserResult.Refused(NotOwner);
        }

        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            return UserResult.Refused(Duplicate(email));
        }

        Person? person = null;
        if (request.PersonId is { } personId && (person = await db.People.FindAsync([personId], ct)) is null)
        {
            return UserResult.Refused("That person no longer exists.");
        }

        var code = InviteCode.New();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Email = email,
            DisplayName = name,
            Role = request.Role,
            Person = person,
            SecurityStamp = QdnClaims.NewStamp(),
            CreatedAtUtc = now,
        };
        StartInvite(user, code, actor, now);
        db.Users.Add(user);
        audit.Record(db, actor, EntityType, email, "user.invited", null, UserSnapshot.Of(user));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else invited the same email in the meantime: the unique index refused the second.
            if (await EmailTakenAsync(email, ct))
            {
                return UserResult.Refused(Duplicate(email));
            }

            throw;
        }

        LogChanged(logger, "user.invited", user.Id, actor.Name);
        return new UserResult(true, $"{email} is invited as {request.Role}.", code);
    }

    private static void StartInvite(User user, string code, Actor actor, DateTime now)
    {
        user.InviteCodeHash = InviteCode.Hash(code);
        user.InviteExpiresAtUtc = now + InviteCode.Lifetime;
        user.InvitedBy = actor.Name;
    }

    private async Task<bool> EmailTakenAsync(string email, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Email == email, ct);
    }

    public static string Duplicate(string email) => $"{email} already has an account.";
}
