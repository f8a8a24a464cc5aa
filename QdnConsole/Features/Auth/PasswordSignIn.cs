using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Password sign-in with lockout: 5 failures within the window lock the account for 15 minutes. Unknown emails get
/// exactly the same answers (and the same hashing work) as wrong passwords, so the form never reveals who has an account.
/// </summary>
public sealed partial class PasswordSignIn(
    IDbContextFactory<QdnDbContext> dbFactory,
    IPasswordHasher<User> hasher,
    TimeProvider clock,
    ILogger<PasswordSignIn> logger) : IDisposable
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    // Bounded, so a flood of made-up emails cannot grow memory without limit.
    private readonly MemoryCache _unknownEmails = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    // A real hash of a random password: verifying against it costs what a real check costs.
    private static readonly string DecoyHash = new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<(SignInOutcome Outcome, User? User)> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        var normalized = QdnClaims.NormalizeEmail(email);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = normalized.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash, password ?? string.Empty);
            return (UnknownEmailFailure(normalized, now), null);
        }

        if (user.LockedUntilUtc is { } until && until > now)
        {
            LogLockedOut(logger, user.Id);
            return (SignInOutcome.LockedOut, null);
        }

        var verified = user.PasswordHash is not null && password is not null
            && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            user.LockedUntilUtc = null;
            if (user.FailureWindowStartUtc is not { } start || now - start > LockoutPeriod)
            {
                user.FailureWindowStartUtc = now;
                user.FailedSignIns = 0;
            }

            if (++user.FailedSignIns >= MaxFailures)
            {
                user.LockedUntilUtc = now + LockoutPeriod;
                user.FailedSignIns = 0;
                user.FailureWindowStartUtc = null;
                LogLocking(logger, user.Id);
            }

            await db.SaveChangesAsync(ct);
            return (SignInOutcome.Failed, null);
        }

        user.FailedSignIns = 0;
        user.FailureWindowStartUtc = null;
        user.LockedUntilUtc = null;
        user.LastSignInAtUtc = now;
        await db.SaveChangesAsync(ct);
        return (SignInOutcome.Success, user);
    }

    /// <summary>Counts failures for emails without an account too, so lockout cannot be used to probe for accounts.</summary>
    private SignInOutcome UnknownEmailFailure(string email, DateTime now)
    {
        var key = "signin-unknown:" + email;
        var state = _unknownEmails.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = LockoutPeriod;
            entry.Size = 1;
            return new UnknownState();
        })!;
        lock (state)
        {
            if (state.LockedUntil > now)
            {
                return SignInOutcome.LockedOut;
            }

            if (++state.Failures >= MaxFailures)
            {
                state.Failures = 0;
                state.LockedUntil = now + LockoutPeriod;
            }

            return SignInOutcome.Failed;
        }
    }

    public void Dispose() => _unknownEmails.Dispose();

    private sealed class UnknownState
    {
        public int Failures { get; set; }

        public DateTime LockedUntil { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out after repeated failed sign-ins")]
    private static partial void LogLocking(ILogger logger, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused for locked-out user {UserId}")]
    private static partial void LogLockedOut(ILogger logger, int userId);
}
