using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QdnConsole.Data;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.Auth;

/// <summary>
/// The first owner: from Qdn:Owner:Email/Password when set; otherwise, while no owner exists, a one-time setup
/// link is written to the log at start (/setup?code=…) for whoever can read the server's log.
/// </summary>
public sealed partial class OwnerSetup(
    IOptions<QdnOptions> options,
    IPasswordHasher<User> hasher,
    TimeProvider clock,
    ILogger<OwnerSetup> logger) : IDatabaseSeeder
{
    private string? _codeHash;

    public async Task SeedAsync(QdnDbContext db, CancellationToken ct)
    {
        var owner = options.Value.Owner;
        if (!string.IsNullOrEmpty(owner.Email) && !string.IsNullOrEmpty(owner.Password))
        {
            var email = QdnClaims.NormalizeEmail(owner.Email);
            if (!await db.Users.AnyAsync(u => u.Email == email, ct))
            {
                var user = NewOwner(email);
                user.PasswordHash = hasher.HashPassword(user, owner.Password);
                db.Users.Add(user);
                db.AuditEntries.Add(Audit(email, "configuration", "config"));
                await db.SaveChangesAsync(ct);
                LogOwnerFromConfiguration(logger, email);
            }
        }

        if (!await db.Users.AnyAsync(u => u.Role == UserRole.Owner, ct))
        {
            var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _codeHash = Hash(code);
            LogSetupLink(logger, $"/setup?code={code}");
        }
    }

    /// <summary>True while a setup code is pending (no owner yet).</summary>
    public bool IsPending => _codeHash is not null;

    public bool IsValid(string? code) =>
        _codeHash is { } expected && code is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Hash(code)));

    /// <summary>Creates the owner with the setup code; the code then stops working.</summary>
    public async Task<User?> CreateOwnerAsync(QdnDbContext db, string? code, string email, string password, string? remoteAddress, CancellationToken ct)
    {
        if (!IsValid(code) || await db.Users.AnyAsync(u => u.Role == UserRole.Owner, ct))
        {
            return null;
        }

        var user = NewOwner(QdnClaims.NormalizeEmail(email));
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        var audit = Audit(user.Email, user.Email, "web");
        audit.RemoteAddress = remoteAddress;
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        _codeHash = null;
        return user;
    }

    private User NewOwner(string email) => new()
    {
        Email = email,
        Role = UserRole.Owner,
        SecurityStamp = QdnClaims.NewStamp(),
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    private AuditEntry Audit(string email, string actor, string source) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        Actor = actor,
        Source = source,
        EntityType = "User",
        EntityId = email,
        Action = "user.owner-created",
        After = $$"""{"Email":"{{email}}","Role":"Owner"}""",
    };

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Owner account {Email} created from configuration")]
    private static partial void LogOwnerFromConfiguration(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No owner account yet. Create it once at {SetupPath} (this link works until an owner exists; a restart makes a new one)")]
    private static partial void LogSetupLink(ILogger logger, string setupPath);
}
