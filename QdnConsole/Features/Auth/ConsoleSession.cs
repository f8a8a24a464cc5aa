using Microsoft.AspNetCore.Components.Authorization;
using QdnConsole.Features.Audit;

namespace QdnConsole.Features.Auth;

/// <summary>
/// The signed-in user of this circuit (or request) and where they connect from, for permission checks and audit.
/// Scoped: one per circuit. The remote address is read once, from the connection that opened the circuit.
/// </summary>
public sealed class ConsoleSession(AuthenticationStateProvider authentication, IHttpContextAccessor http)
{
    private readonly string? _remoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<QdnUser?> UserAsync() => QdnUser.From((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<Actor> ActorAsync()
    {
        var user = await UserAsync();
        return new Actor(user?.Email ?? "anonymous", "web", _remoteAddress);
    }
}
