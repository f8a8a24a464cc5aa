using Microsoft.AspNetCore.Components.Server.Circuits;

namespace QdnConsole.Features.Dashboard;

/// <summary>Tells this circuit's components when the browser reconnects, so they catch up from the database.</summary>
public sealed class CircuitState
{
    public event Func<Task>? Reconnected;

    internal Task OnReconnectedAsync() => Reconnected?.Invoke() ?? Task.CompletedTask;
}

/// <summary>Per-circuit handler: a connection coming back up after a drop is a reconnect.</summary>
public sealed class ReconnectCircuitHandler(CircuitState state) : CircuitHandler
{
    private bool _wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown)
        {
            return Task.CompletedTask;
        }

        _wasDown = false;
        return state.OnReconnectedAsync();
    }
}
