using System.Net;
using QdnConsole.Data;
using QdnConsole.Features.Users;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Users;

public sealed class UsersPageAccessTests : IDisposable
{
    private readonly UsersTestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UsersPage_Visitor_SentToSignIn()
    {
        using var client = _app.Browserless();

        using var response = await client.GetAsync(new Uri("/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/account/sign-in?ReturnUrl=%2Fusers", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task UsersPage_Staff_SentToAccessDeniedWithoutTheList()
    {
        await _app.AddUserAsync("staff@example.com", UserRole.Staff);
        using var client = await _app.SignedInClientAsync("staff@example.com", ConsoleUsers.StaffPassword);

        using var response = await client.GetAsync(new Uri("/users", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/account/access-denied?ReturnUrl=%2Fusers", response.Headers.Location?.AbsoluteUri);
        Assert.DoesNotContain(QdnAppFactory.OwnerEmail, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPage_Owner_ListsUsersWithTheirState()
    {
        await _app.InviteAsync("invited@example.com");
        using var client = await _app.SignedInClientAsync();

        var html = await client.PageAsync("/users");

        Assert.Contains("the console does not send email yet", html, StringComparison.Ordinal);
        Assert.Contains(">owner@example.com</h3>", html, StringComparison.Ordinal);
        Assert.Contains(">invited@example.com</h3>", html, StringComparison.Ordinal);
        Assert.Contains("invite pending until", html, StringComparison.Ordinal);
        Assert.Contains("Times in America/Los_Angeles", html, StringComparison.Ordinal);
        Assert.DoesNotContain(InviteCode.PagePath + "?code=", html, StringComparison.Ordinal);
    }
}
