using System.Threading.Channels;

namespace QdnConsole.Features.LiveFeed;

/// <summary>Something an open console should show: a call moved, or a line's state changed.</summary>
public abstract record ConsoleEvent(DateTime AtUtc);

public sealed record CallUpdated(DateTime AtUtc, long CallId, string CallSid, string LineId, string Summary) : ConsoleEvent(AtUtc);

public sealed record LineUpdated(DateTime AtUtc, string LineId, string Summary) : ConsoleEvent(AtUtc);

/// <summary>
/// The one live feed between webhooks and open consoles. Publishing never waits: each subscriber has its own
/// bounded queue drained by its own loop; when a slow subscriber's queue is full the oldest signal is dropped,
/// which is safe because subscribers re-read the database (the events are "look again" signals, not data).
/// </summary>
public sealed partial class ConsoleFeed(ILogger<ConsoleFeed> logger)
{
    private const int QueueCapacity = 256;
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = new([]);

    public void Publish(ConsoleEvent evt)
    {
        foreach (var subscriber in _subscribers.Items)
        {
            subscriber.Writer.TryWrite(evt);
        }
    }

    public IDisposable Subscribe(Func<ConsoleEvent, Task> handler)
    {
        var channel = Channel.CreateBounded<ConsoleEvent>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var subscription = new Subscription(this, channel.Writer);
        lock (_gate)
        {
            _subscribers = new([.. _subscribers.Items, subscription]);
        }

        _ = DrainAsync(channel.Reader, handler);
        return subscription;
    }

    public int SubscriberCount => _subscribers.Items.Length;

    private async Task DrainAsync(ChannelReader<ConsoleEvent> reader, Func<ConsoleEvent, Task> handler)
    {
        await foreach (var evt in reader.ReadAllAsync())
        {
            try
            {
                await handler(evt);
            }
            catch (Exception ex)
            {
                // One broken subscriber must not stop its own feed, nor anyone else's.
                LogSubscriberFailed(logger, ex);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = new([.. _subscribers.Items.Where(s => s != subscription)]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live feed subscriber failed to handle an event")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    private sealed record ImmutableSubscribers(Subscription[] Items);

    private sealed class Subscription(ConsoleFeed feed, ChannelWriter<ConsoleEvent> writer) : IDisposable
    {
        public ChannelWriter<ConsoleEvent> Writer => writer;

        public void Dispose()
        {
            feed.Remove(this);
            writer.TryComplete();
        }
    }
}
