using QdnConsole.Components;
using QdnConsole.Data;
using QdnConsole.Features.Dashboard;
using QdnConsole.Features.Lines;
using QdnConsole.Features.LiveFeed;
using QdnConsole.Features.Operations;
using QdnConsole.Features.Twilio;
using QdnConsole.Features.Voice;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperations();
builder.AddTwilio();
builder.AddLines();
builder.AddData();
builder.AddVoice();
builder.AddLiveFeed();
builder.AddDashboard();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapOperationsEndpoints();
app.MapVoiceEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can host the app.</summary>
public partial class Program;
