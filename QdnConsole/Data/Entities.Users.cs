namespace QdnConsole.Data;

public enum UserRole
{
    /// <summary>Everything: lines, users, everyone's availability, maintenance.</summary>
    Owner,

    /// <summary>Board, history, voicemails; their own availability when they are rung in a cascade.</summary>
    Staff,
}

/// <summary>Someone who signs in to the console.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>Stored lower-case: the sign-in name, and the Google account that may sign in.</summary>
    public required string Email { get; set; }

    public string? DisplayName { get; set; }

    public UserRole Role { get; set; }

    /// <summary>Null until the invited user sets a password (or when they only use Google).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>The person this user is in cascades, if any: they may switch their own availability.</summary>
    public int? PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>Failed password attempts since <see cref="FailureWindowStartUtc"/>.</summary>
    public int FailedSignIns { get; set; }

    public DateTime? FailureWindowStartUtc { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    /// <summary>Changes when the password or role changes, so older sign-in cookies stop working.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>SHA-256 of a one-time invitation code (the code itself is only shown to the owner, once).</summary>
    public string? InviteCodeHash { get; set; }

    public DateTime? InviteExpiresAtUtc { get; set; }

    public string? InvitedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}

/// <summary>ASP.NET Core Data Protection keys, kept with the data so sign-ins survive restarts and instances share them.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string? Xml { get; set; }
}
