using System.Globalization;
using System.Security.Claims;
using QdnConsole.Data;

namespace QdnConsole.Features.Auth;

/// <summary>The signed-in user as the console needs them, read from the cookie's claims.</summary>
public sealed record QdnUser(int Id, string Email, string Name, UserRole Role, int? PersonId)
{
    public bool IsOwner => Role == UserRole.Owner;

    /// <summary>Owners may switch anyone; staff only the person they are.</summary>
    public bool MaySwitchAvailabilityOf(int personId) => IsOwner || PersonId == personId;

    public static QdnUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? string.Empty;
        var person = int.TryParse(principal.FindFirstValue(QdnClaims.Person), CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        return new QdnUser(id, email, principal.FindFirstValue(ClaimTypes.Name) ?? email, role, person);
    }
}

public static class QdnClaims
{
    public const string Person = "qdn:person";
    public const string Stamp = "qdn:stamp";
    public const string OwnerPolicy = "Owner";

    public static ClaimsPrincipal Principal(User user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.DisplayName ?? user.Email),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(Stamp, user.SecurityStamp),
        };
        if (user.PersonId is { } person)
        {
            claims.Add(new(Person, person.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string NormalizeEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
