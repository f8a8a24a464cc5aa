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
using QdnConsole.Features.Simulator;
using QdnConsole.Features.TestCalls;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.Users;
using QdnConsole.Features.Voice;
using QdnConsole.Features.Voicemails;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperations();
builder.AddTwilio();
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

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can host the app.</summary>
public partial class Program;
