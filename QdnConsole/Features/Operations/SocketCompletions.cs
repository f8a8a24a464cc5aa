namespace QdnConsole.Features.Operations;

/// <summary>
/// Lets the runtime finish socket reads and writes on its socket threads instead of handing each one to the thread
/// pool first. Webhooks are many small requests: on the two-core reference host this answered 9 % more of them, with
/// fewer context switches and a lower p99 (bench/README, fourth round). Request handlers still run on the thread pool
/// (Kestrel schedules them there), so a slow handler never holds up other connections' I/O; what runs on a socket
/// thread is the code between a socket's completion and its caller's next await (Kestrel's transport loop; the few
/// outgoing HTTP calls). Revisit when a PostgreSQL store arrives: its query continuations would run there too.
/// The runtime reads the variable once, when the first socket is made, so this runs first; an operator's own
/// setting (0 to turn it off) is kept.
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
