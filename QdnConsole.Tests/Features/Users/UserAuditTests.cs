using System.Net;
using QdnConsole.Data;
using QdnConsole.Features.Users;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Users;

public sealed class UserAuditTests : IDisposable
{
    private const string Email = "audited@example.com";
    private const string Password = "the-audited-password-1";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly UsersTestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryChange_AuditedWithBeforeAndAfter_NoSecretInAuditOrLogs()
    {
        var sergio = (await _app.Admin.LoadAsync(None)).People.Single(p => p.Name == "Sergio");
        var code = await _app.InviteAsync(Email);
        using var client = _app.Browserless();
        using var accepted = await client.PostInviteAsync(code, Password);
        var user = await _app.UserAsync(Email);
        await _app.Admin.ChangeRoleAsync(UsersTestApp.Owner, user.Id, UserRole.Owner, None);
        await _app.Admin.ChangePersonAsync(UsersTestApp.Owner, user.Id, sergio.Id, None);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await _app.Browserless().PostSignInAsync(Email, $"wrong-{i}");
        }

        await _app.Admin.UnlockAsync(UsersTestApp.Owner, user.Id, None);
        var reset = await _app.Admin.ResetPasswordAsync(UsersTestApp.Owner, user.Id, None);
        await _app.Admin.RemoveAsync(UsersTestApp.Owner, user.Id, None);

        var entries = (await _app.UserAuditAsync()).Where(a => a.EntityId == Email).ToList();
        Assert.Equal(
            ["user.invited", "user.invite-accepted", "user.role-changed", "user.person-changed", "user.unlocked", "user.password-reset", "user.removed"],
            entries.Select(a => a.Action));
        Assert.All(entries.Where(a => a.Action != "user.invite-accepted"), a => Assert.Equal(QdnAppFactory.OwnerEmail, a.Actor));
        Assert.Equal(Email, entries[1].Actor);
        Assert.All(entries, a => Assert.Equal("web", a.Source));
        Assert.Null(entries[0].Before);
        Assert.Contains("\"Role\":\"Staff\"", entries[0].After, StringComparison.Ordinal);
        Assert.Contains("\"HasPassword\":false", entries[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"HasPassword\":true", entries[1].After, StringComparison.Ordinal);
        Assert.Contains("\"Role\":\"Staff\"", entries[2].Before, StringComparison.Ordinal);
        Assert.Contains("\"Role\":\"Owner\"", entries[2].After, StringComparison.Ordinal);
        Assert.Contains("\"Person\":null", entries[3].Before, StringComparison.Ordinal);
        Assert.Contains("\"Person\":\"Sergio\"", entries[3].After, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LockedUntilUtc\":null", entries[4].Before, StringComparison.Ordinal);
        Assert.Contains("\"LockedUntilUtc\":null", entries[4].After, StringComparison.Ordinal);
        Assert.Contains("\"HasPassword\":false", entries[5].After, StringComparison.Ordinal);
        Assert.NotNull(entries[6].Before);
        Assert.Null(entries[6].After);

        string[] secrets = [code, reset.InviteCode!, InviteCode.Hash(code), InviteCode.Hash(reset.InviteCode!), Password, user.PasswordHash!];
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains(_app.Logs.Lines, line => line.Contains("user.removed for user", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.All(entries, a => Assert.DoesNotContain(secret, a.Before + a.After, StringComparison.Ordinal));
            Assert.All(_app.Logs.Lines, line => Assert.DoesNotContain(secret, line, StringComparison.Ordinal));
        }

        Assert.All(entries, a => Assert.DoesNotContain("Hash", a.Before + a.After, StringComparison.Ordinal));
    }
}
