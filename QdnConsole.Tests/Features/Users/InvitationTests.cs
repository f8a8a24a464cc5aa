using System.Net;
using QdnConsole.Data;
using QdnConsole.Features.Users;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Users;

public sealed class InvitationTests : IDisposable
{
    private const string Email = "new.staff@example.com";
    private const string Password = "a-long-new-password-1";
    private readonly UsersTestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Invite_LinkOpenedAndPasswordSet_SignsInAsStaff()
    {
        var code = await _app.InviteAsync(Email);
        using var client = _app.Browserless();

        var page = await client.PageAsync(InviteCode.RelativeLink(code));
        using var accepted = await client.PostInviteAsync(code, Password);

        Assert.Contains($"as <strong>{Email}</strong>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("http://localhost/", accepted.Headers.Location?.OriginalString);
        Assert.True(accepted.SetsAuthCookie());
        Assert.Contains("Recent calls", await client.PageAsync("/"), StringComparison.Ordinal);
        using var users = await client.GetAsync(new Uri("/users", UriKind.Relative));
        Assert.EndsWith("/account/access-denied?ReturnUrl=%2Fusers", users.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var later = _app.Browserless();
        using var signIn = await later.PostSignInAsync(Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var stored = await _app.UserAsync(Email);
        Assert.Null(stored.InviteCodeHash);
        Assert.NotNull(stored.LastSignInAtUtc);
    }

    [Fact]
    public async Task Invite_CodeUsedTwice_SecondUseRefused()
    {
        var code = await _app.InviteAsync(Email);
        using var first = _app.Browserless();
        using var accepted = await first.PostInviteAsync(code, Password);
        using var second = _app.Browserless();

        var page = await second.PageAsync(InviteCode.RelativeLink(code));
        using var reused = await second.PostInviteAsync(code, "someone-elses-password");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains(AcceptInvite.Invalid, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.False(reused.SetsAuthCookie());
        using var attacker = await _app.Browserless().PostSignInAsync(Email, "someone-elses-password");
        Assert.Equal(HttpStatusCode.Unauthorized, attacker.StatusCode);
    }

    [Fact]
    public async Task Invite_OpenedAfterSevenDays_Refused()
    {
        var code = await _app.InviteAsync(Email);
        _app.Clock.Advance(InviteCode.Lifetime + TimeSpan.FromMinutes(1));
        using var client = _app.Browserless();

        var page = await client.PageAsync(InviteCode.RelativeLink(code));
        using var posted = await client.PostInviteAsync(code, Password);

        Assert.Contains(AcceptInvite.Invalid, page, StringComparison.Ordinal);
        Assert.Contains(AcceptInvite.Invalid, await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await _app.UserAsync(Email)).PasswordHash);
        var listed = Assert.Single((await _app.Admin.LoadAsync(CancellationToken.None)).Users, u => u.Email == Email);
        Assert.Equal(InviteState.Expired, listed.Invite);
    }

    [Theory]
    [InlineData("short-pw", "short-pw", "Use 12 to 200 characters.")]
    [InlineData("a-long-new-password-1", "a-long-new-password-2", "The two passwords differ.")]
    public async Task Invite_UnacceptablePassword_AsksAgainAndCodeStillWorks(string password, string confirm, string message)
    {
        var code = await _app.InviteAsync(Email);
        using var client = _app.Browserless();

        using var refused = await client.PostInviteAsync(code, password, confirm);
        using var accepted = await client.PostInviteAsync(code, Password);

        Assert.Contains(message, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.SetsAuthCookie());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("made-up-code")]
    public async Task Invite_UnknownCode_NeutralMessage(string code)
    {
        using var client = _app.Browserless();

        var page = await client.PageAsync(InviteCode.PagePath + "?code=" + code);

        Assert.Contains(AcceptInvite.Invalid, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_OwnerRoleAndPerson_SignedInWithBoth()
    {
        var sergio = (await _app.Admin.LoadAsync(CancellationToken.None)).People.Single(p => p.Name == "Sergio");
        var code = await _app.InviteAsync(Email, UserRole.Owner, sergio.Id);
        using var client = _app.Browserless();

        using var accepted = await client.PostInviteAsync(code, Password);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Who can sign in", await client.PageAsync("/users"), StringComparison.Ordinal);
        Assert.Equal(sergio.Id, (await _app.UserAsync(Email)).PersonId);
    }
}
