using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace QdnConsole.Features.Users;

/// <summary>
/// One-time invitation codes: 256 random bits, shown once to the owner; the store keeps only their SHA-256,
/// so a copy of the database cannot be used to take over an invited account.
/// </summary>
public static class InviteCode
{
    public const string PagePath = "/account/invite";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>The site-relative link the invited person opens.</summary>
    public static string RelativeLink(string code) => $"{PagePath}?code={Uri.EscapeDataString(code)}";
}
