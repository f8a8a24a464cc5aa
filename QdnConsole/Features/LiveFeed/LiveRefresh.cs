namespace QdnConsole.Features.LiveFeed;

/// <summary>
/// A component's subscription to <see cref="ConsoleFeed"/>: bursts of signals collapse into one refresh per
/// <see cref="Window"/>, run on the component's dispatcher; a failing refresh goes to the component's error
/// handling. Dispose it with the component.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<Exception, Task> _dispatchExceptionAsync;
    private readonly Func<Task> _refreshAsync;
    private readonly CancellationTokenSource _disposed = new();
    private readonly IDisposable _subscription;
    private int _queued;

    /// <param name="invokeAsync">The component's <c>InvokeAsync</c>.</param>
    /// <param name="dispatchExceptionAsync">The component's <c>DispatchExceptionAsync</c>.</param>
    /// <param name="refreshAsync">Re-reads what the component shows and re-renders it.</param>
    public LiveRefresh(ConsoleFeed feed, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync, Func<Task> refreshAsync)
    {
        _invokeAsync = invokeAsync;
        _dispatchExceptionAsync = dispatchExceptionAsync;
        _refreshAsync = refreshAsync;
        _subscription = feed.Subscribe(OnFeedAsync);
    }

    /// <summary>Cancelled when the component goes away, for the reads its refresh makes.</summary>
    public CancellationToken Disposed => _disposed.Token;

    private async Task OnFeedAsync(ConsoleEvent evt)
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1)
        {
            return;
        }

        // None is lost: the refresh after the window reads everything the burst changed.
        await Task.Delay(Window, _disposed.Token);
        Interlocked.Exchange(ref _queued, 0);
        try
        {
            await _invokeAsync(_refreshAsync);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await _dispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
