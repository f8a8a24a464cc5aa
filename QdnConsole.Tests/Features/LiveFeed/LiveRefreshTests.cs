using Microsoft.Extensions.Logging.Abstractions;
using QdnConsole.Features.LiveFeed;

namespace QdnConsole.Tests.Features.LiveFeed;

public sealed class LiveRefreshTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ConsoleFeed _feed = new(NullLogger<ConsoleFeed>.Instance);

    [Fact]
    public async Task Signal_RefreshRunsThroughTheComponentsDispatcher()
    {
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = new LiveRefresh(_feed,
            async work => { dispatched.TrySetResult(); await work(); },
            _ => Task.CompletedTask,
            () => { refreshed.TrySetResult(); return Task.CompletedTask; });

        _feed.Publish(Signal());

        await dispatched.Task.WaitAsync(Patience);
        await refreshed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task RefreshFails_ErrorGoesToTheComponentAndLaterSignalsStillRefresh()
    {
        var failure = new InvalidOperationException("store gone");
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var live = new LiveRefresh(_feed, work => work(),
            ex => { reported.TrySetResult(ex); return Task.CompletedTask; },
            () =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw failure;
                }

                recovered.TrySetResult();
                return Task.CompletedTask;
            });

        _feed.Publish(Signal());
        Assert.Same(failure, await reported.Task.WaitAsync(Patience));
        _feed.Publish(Signal());

        await recovered.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Disposed_UnsubscribesAndStopsQuietly()
    {
        var live = new LiveRefresh(_feed, work => work(), _ => Task.CompletedTask, () => Task.CompletedTask);
        Assert.Equal(1, _feed.SubscriberCount);

        live.Dispose();

        await live.Completion.WaitAsync(Patience);
        Assert.Equal(0, _feed.SubscriberCount);
        Assert.True(live.Disposed.IsCancellationRequested);
    }

    private static LineUpdated Signal() => new(DateTime.UtcNow, "qdn", "changed");
}
