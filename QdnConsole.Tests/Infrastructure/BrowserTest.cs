using Microsoft.Playwright;
using Xunit.Abstractions;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// Base for browser tests: each test gets its own app on Kestrel (<see cref="App"/>) and its own browser
/// context (<see cref="Page"/>), both disposed when the test ends. The page's script errors and console
/// errors go to the test output, which is where a failing interactivity test usually explains itself.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public abstract class BrowserTest(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private IPage? _page;

    protected BrowserApp App { get; private set; } = null!;

    /// <summary>The shared browser: <c>Browser.NewPageAsync(App.BaseUrl)</c> opens another, independent browser context.</summary>
    protected BrowserFixture Browser => browser;

    protected ITestOutputHelper Output => output;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is created in InitializeAsync.");

    /// <summary>Signs in through the real form, as a person would, and waits for the board.</summary>
    protected Task SignInAsync(string email = QdnAppFactory.OwnerEmail, string password = QdnAppFactory.OwnerPassword) =>
        SignInAsync(Page, email, password);

    protected static async Task SignInAsync(IPage page, string email = QdnAppFactory.OwnerEmail, string password = QdnAppFactory.OwnerPassword)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Wait for what a person sees (the address, then the signed-in layout), never for a load event: on a loaded CI
        // machine Playwright has twice seen the redirect commit and network idle but never reported "load" for it, and
        // WaitForURLAsync still waits for a load state when the address already matches. Expect polls the address.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Override to change the app's configuration before it starts.</summary>
    protected virtual void ConfigureApp(QdnAppFactory factory)
    {
    }

    public async Task InitializeAsync()
    {
        App = new BrowserApp(ConfigureApp);
        _page = await browser.NewPageAsync(App.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            foreach (var error in await _page.PageErrorsAsync())
            {
                output.WriteLine($"[browser page error] {error}");
            }

            foreach (var message in await _page.ConsoleMessagesAsync())
            {
                if (message.Type is "error" or "warning")
                {
                    output.WriteLine($"[browser console {message.Type}] {message.Text}");
                }
            }

            await _page.Context.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
