using QdnConsole.Components;
using QdnConsole.Data;
using QdnConsole.Features.AuditTrail;
using QdnConsole.Features.Auth;
using QdnConsole.Features.Availability;
using QdnConsole.Features.Dashboard;
using QdnConsole.Features.History;
using QdnConsole.Features.LineEditor;
using QdnConsole.Features.Lines;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Features.Operations;
using QdnConsole.Features.Secrets;
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.TwilioApi;
using QdnConsole.Features.TwilioCli;
using QdnConsole.Features.Users;
using QdnConsole.Features.Voice;
using QdnConsole.Features.Voicemails;

// Commands instead of serving: `simulate` places a test call through the webhooks (README: "Test calls without a
// phone"); `twilio configure` points a line's number at this app (docs/credentials.md).
if (args is ["simulate", ..])
{
    return await SimulateCommand.RunAsync(args[1..]);
}

if (args is ["twilio", ..])
{
    return await TwilioCommand.RunAsync(args[1..]);
}

var scheduling = BatchScheduling.Apply(); // before the app starts its threads, so that they all inherit it
SocketCompletions.PreferInline(); // before the first socket is made
var app = Program.Build(WebApplication.CreateBuilder(args));
scheduling(app.Logger);
await app.RunAsync();
return 0;

/// <summary>Entry point, public so the tests' WebApplicationFactory can host the app.</summary>
public partial class Program
{
    /// <summary>The whole app, features in order; also started in-process by the simulate command.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddSecretsFile(); // first: below environment variables, above appsettings; everything after reads it
        builder.AddOperations();
        builder.AddTwilio();
        builder.AddTwilioApi();
        builder.AddLines();
        builder.AddData();
        builder.AddAuth();
        builder.AddVoice();
        builder.AddLiveFeed();
        builder.AddDashboard();
        builder.AddAvailability();
        builder.AddHistory();
        builder.AddVoicemails();
        builder.AddAuditTrail();
        builder.AddLineEditor();
        builder.AddUsers();
        builder.AddSimulator();
        builder.AddTestCalls();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Twilio's webhooks pass these as anonymous endpoints without antiforgery (TwilioWebhooks): their signature is
        // their proof. (Skipping the two auth steps for them measured no difference, and WebApplication adds them
        // for every request anyway unless they are called here.)
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOperationsEndpoints();
        app.MapVoiceEndpoints();
        app.MapAccountEndpoints();
        app.MapAvailabilityEndpoints();
        app.MapHistoryEndpoints();
        app.MapVoicemailsEndpoints();
        app.MapAuditTrailEndpoints();
        app.MapLineEditorEndpoints();
        app.MapUsersEndpoints();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
