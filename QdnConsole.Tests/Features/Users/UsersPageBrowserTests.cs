using Microsoft.Playwright;
using QdnConsole.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace QdnConsole.Tests.Features.Users;

public sealed class UsersPageBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private readonly BrowserFixture _browser = browser;

    [Fact]
    public async Task UsersPage_OwnerInvitesStaff_LinkShownOnceAndLetsThemIn()
    {
        await SignInAsync();
        await Page.GotoAsync("/users");
        await PageIsLiveAsync();

        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync("new.staff@example.com");
        await Page.GetByLabel("Name (optional)").FillAsync("New Staff");
        await Page.GetByLabel("Person in the cascades (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Sergio" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

        var link = Page.GetByTestId("invite-link");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/account/invite\\?code=.+"));
        var invite = await link.InputValueAsync();
        var card = Page.GetByRole(AriaRole.Article, new() { Name = "new.staff@example.com" });
        await Expect(card).ToContainTextAsync("invite pending until");
        await Expect(card).ToContainTextAsync("Sergio");
        await Page.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        await Expect(link).ToHaveCountAsync(0);

        var invited = await _browser.NewPageAsync(App.BaseUrl);
        try
        {
            await invited.GotoAsync(invite);
            await invited.GetByLabel("Password", new() { Exact = true }).FillAsync("a-long-new-password-1");
            await invited.GetByLabel("Password again").FillAsync("a-long-new-password-1");
            await invited.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
            await Expect(invited.Locator("#calls-heading")).ToHaveTextAsync("Recent calls");
        }
        finally
        {
            await invited.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task UsersPage_RemoveNeedsConfirmationAndLastOwnerIsKept()
    {
        await App.Factory.AddUserAsync("leaving@example.com", QdnConsole.Data.UserRole.Staff);
        await SignInAsync();
        await Page.GotoAsync("/users");
        await PageIsLiveAsync();

        var leaving = Page.GetByRole(AriaRole.Article, new() { Name = "leaving@example.com" });
        await leaving.Locator("summary").ClickAsync();
        await leaving.GetByRole(AriaRole.Button, new() { Name = "Remove…" }).ClickAsync();
        await leaving.GetByRole(AriaRole.Button, new() { Name = "Yes, remove leaving@example.com" }).ClickAsync();
        await Expect(Page.GetByTestId("user-notice")).ToContainTextAsync("leaving@example.com is removed");
        await Expect(leaving).ToHaveCountAsync(0);

        var owner = Page.GetByRole(AriaRole.Article, new() { Name = QdnAppFactory.OwnerEmail });
        await owner.Locator("summary").ClickAsync();
        await owner.GetByLabel("Role").SelectOptionAsync("Staff");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("owner@example.com is the last owner. Make someone else an owner first.");
        await Expect(owner).ToContainTextAsync("Owner");
    }

    /// <summary>The page's controls are disabled until the circuit is up; before that a click would be lost on re-render.</summary>
    private Task PageIsLiveAsync() => Expect(Page.GetByLabel("Email", new() { Exact = true })).ToBeEnabledAsync();
}
