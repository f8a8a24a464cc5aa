using System.Net;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.Auth;
using QdnConsole.Features.Users;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Users;

public sealed class UserAdminTests : IDisposable
{
    private const string StaffEmail = "staff@example.com";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly UsersTestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("owner@example.com")]
    [InlineData("  Owner@Example.COM ")]
    public async Task Invite_EmailAlreadyHasAccount_RefusedClearly(string email)
    {
        var result = await _app.Admin.InviteAsync(UsersTestApp.Owner, new InviteRequest(email, null, UserRole.Staff, null), None);

        Assert.False(result.Ok);
        Assert.Equal("owner@example.com already has an account.", result.Message);
        Assert.Null(result.InviteCode);
        Assert.Single((await _app.Admin.LoadAsync(None)).Users);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an email")]
    [InlineData("Name <someone@example.com>")]
    public async Task Invite_NotAnEmail_Refused(string email)
    {
        var result = await _app.Admin.InviteAsync(UsersTestApp.Owner, new InviteRequest(email, null, UserRole.Staff, null), None);

        Assert.False(result.Ok);
        Assert.Equal("Enter a valid email address.", result.Message);
    }

    [Fact]
    public async Task LastOwner_DemotedOrRemoved_RefusedAndNothingChanges()
    {
        var owner = await _app.UserAsync(QdnAppFactory.OwnerEmail);

        var demoted = await _app.Admin.ChangeRoleAsync(UsersTestApp.Owner, owner.Id, UserRole.Staff, None);
        var removed = await _app.Admin.RemoveAsync(UsersTestApp.Owner, owner.Id, None);

        Assert.False(demoted.Ok);
        Assert.False(removed.Ok);
        Assert.Equal("owner@example.com is the last owner. Make someone else an owner first.", demoted.Message);
        Assert.Equal(demoted.Message, removed.Message);
        var after = await _app.UserAsync(QdnAppFactory.OwnerEmail);
        Assert.Equal(UserRole.Owner, after.Role);
        Assert.Equal(owner.SecurityStamp, after.SecurityStamp);
        Assert.DoesNotContain(await _app.UserAuditAsync(), a => a.Action is "user.role-changed" or "user.removed");
    }

    [Fact]
    public async Task Owner_WithSecondOwner_MayBeDemoted()
    {
        await _app.AddUserAsync("second.owner@example.com", UserRole.Owner);
        var owner = await _app.UserAsync(QdnAppFactory.OwnerEmail);

        var demoted = await _app.Admin.ChangeRoleAsync(UsersTestApp.Owner, owner.Id, UserRole.Staff, None);
        var again = await _app.Admin.ChangeRoleAsync(new Actor("second.owner@example.com", "web"), (await _app.UserAsync("second.owner@example.com")).Id, UserRole.Staff, None);

        Assert.True(demoted.Ok, demoted.Message);
        Assert.False(again.Ok);
        Assert.Contains("is the last owner", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffActor_AnyChange_Refused()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        var actor = new Actor(StaffEmail, "web");
        var owner = await _app.UserAsync(QdnAppFactory.OwnerEmail);

        UserResult[] results =
        [
            await _app.Admin.InviteAsync(actor, new InviteRequest("x@example.com", null, UserRole.Owner, null), None),
            await _app.Admin.ChangeRoleAsync(actor, staff.Id, UserRole.Owner, None),
            await _app.Admin.ResetPasswordAsync(actor, owner.Id, None),
            await _app.Admin.RemoveAsync(actor, owner.Id, None),
        ];

        Assert.All(results, r => Assert.Equal(UserAdmin.NotOwner, r.Message));
        Assert.Equal(UserRole.Staff, (await _app.UserAsync(StaffEmail)).Role);
    }

    [Fact]
    public async Task Remove_SignedInStaff_TheirCookieStopsAtTheNextRecheck()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        using var client = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);
        using var before = await client.GetAsync(new Uri("/", UriKind.Relative));

        var result = await _app.Admin.RemoveAsync(UsersTestApp.Owner, staff.Id, None);
        _app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", after.Headers.Location?.AbsoluteUri, StringComparison.Ordinal);
        using var signIn = await _app.Browserless().PostSignInAsync(StaffEmail, ConsoleUsers.StaffPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task ChangeRole_StaffMadeOwner_SignsInAgainAndReachesUsers()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        using var client = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);
        using var denied = await client.GetAsync(new Uri("/users", UriKind.Relative));

        var result = await _app.Admin.ChangeRoleAsync(UsersTestApp.Owner, staff.Id, UserRole.Owner, None);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var stale = await client.GetAsync(new Uri("/users", UriKind.Relative));
        using var again = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);

        Assert.Equal("staff@example.com is now Owner; they sign in again within a minute.", result.Message);
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", stale.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Who can sign in", await again.PageAsync("/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_OldPasswordStopsAndNewLinkSetsAnother()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);

        var result = await _app.Admin.ResetPasswordAsync(UsersTestApp.Owner, staff.Id, None);
        using var old = await _app.Browserless().PostSignInAsync(StaffEmail, ConsoleUsers.StaffPassword);
        using var client = _app.Browserless();
        using var accepted = await client.PostInviteAsync(result.InviteCode!, "a-brand-new-password");

        Assert.True(result.Ok, result.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.Browserless().PostSignInAsync(StaffEmail, "a-brand-new-password")).StatusCode);
    }

    [Fact]
    public async Task Unlock_LockedOutStaff_MaySignInAgain()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        using var client = _app.Browserless();
        for (var i = 0; i < PasswordSignIn.MaxFailures; i++)
        {
            using var failed = await client.PostSignInAsync(StaffEmail, $"wrong-{i}");
        }

        var locked = Assert.Single((await _app.Admin.LoadAsync(None)).Users, u => u.Email == StaffEmail).LockedUntilUtc;
        var result = await _app.Admin.UnlockAsync(UsersTestApp.Owner, staff.Id, None);
        using var signIn = await client.PostSignInAsync(StaffEmail, ConsoleUsers.StaffPassword);

        Assert.NotNull(locked);
        Assert.Equal("staff@example.com may sign in again.", result.Message);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task ChangePerson_StaffLinkedToSergio_ListedAndStampChanged()
    {
        var staff = await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        var sergio = (await _app.Admin.LoadAsync(None)).People.Single(p => p.Name == "Sergio");

        var linked = await _app.Admin.ChangePersonAsync(UsersTestApp.Owner, staff.Id, sergio.Id, None);
        var row = Assert.Single((await _app.Admin.LoadAsync(None)).Users, u => u.Email == StaffEmail);
        var unlinked = await _app.Admin.ChangePersonAsync(UsersTestApp.Owner, staff.Id, null, None);

        Assert.Equal("staff@example.com is now Sergio in the cascades; they sign in again within a minute.", linked.Message);
        Assert.Equal("Sergio", row.PersonName);
        Assert.True(unlinked.Ok);
        var stored = await _app.UserAsync(StaffEmail);
        Assert.Null(stored.PersonId);
        Assert.NotEqual(staff.SecurityStamp, stored.SecurityStamp);
    }
}
