using System.Threading.Channels;

namespace QdnConsole.Features.LiveFeed;

/// <summary>
/// A component's subscription to <see cref="ConsoleFeed"/>: bursts of signals collapse into one refresh per
/// <see cref="Window"/>, run on the component's dispatcher; a failing refresh goes to the component's error
/// handling. Dispose it with the component.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    // At most one pending "look again": signals arriving while one is pending add nothing, the refresh reads them all.
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<Exception, Task> _dispatchExceptionAsync;
    private readonly Func<Task> _refreshAsync;
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationToken _disposedToken;
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    /// <param name="invokeAsync">The component's <c>InvokeAsync</c>.</param>
    /// <param name="dispatchExceptionAsync">The component's <c>DispatchExceptionAsync</c>.</param>
    /// <param name="refreshAsync">Re-reads what the component shows and re-renders it.</param>
    public LiveRefresh(ConsoleFeed feed, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync, Func<Task> refreshAsync)
    {
        _invokeAsync = invokeAsync;
        _dispatchExceptionAsync = dispatchExceptionAsync;
        _refreshAsync = refreshAsync;
        // Kept: a disposed source's Token property throws, the token itself stays readable (and cancelled).
        _disposedToken = _disposed.Token;
        _loop = RefreshLoopAsync();
        // The feed's handler only marks a refresh as pending, so the feed never waits on this component.
        _subscription = feed.Subscribe(_ =>
        {
            _pending.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
    }

    /// <summary>Cancelled when the component goes away, for the reads its refresh makes.</summary>
    public CancellationToken Disposed => _disposedToken;

    /// <summary>Runs until disposed; ends quietly then.</summary>
    public Task Completion => _loop;

    private async Task RefreshLoopAsync()
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_disposedToken))
            {
                await Task.Delay(Window, _disposedToken);
                _pending.Reader.TryRead(out _);
                try
                {
                    await _invokeAsync(_refreshAsync);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await _dispatchExceptionAsync(ex);
                }
            }
        }
        catch (OperationCanceledException) when (_disposedToken.IsCancellationRequested)
        {
            // The component went away: nothing left to refresh.
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _pending.Writer.TryComplete();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
