using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using QdnConsole.Data;
using QdnConsole.Features.TwilioApi;
using QdnConsole.Features.Voicemails;

namespace QdnConsole.Features.Recordings;

/// <summary>
/// Voicemail audio from Twilio's Recordings API (MP3, fetched with the runtime REST credential, i.e. the API key), cached
/// on disk. The browser only ever sees the console's own authenticated URL. Without REST credentials it says so, as
/// <see cref="UnconfiguredRecordingSource"/> does; a recording Twilio no longer has is reported as such.
/// </summary>
public sealed partial class TwilioRecordingSource(
    IServiceScopeFactory scopes,
    RuntimeCredentials credentials,
    RecordingCache cache,
    TimeProvider clock,
    ILogger<TwilioRecordingSource> logger) : IRecordingSource
{
    public const string NoRecording = "No recording was saved for this message.";
    public const string Deleted = "The recording was deleted at Twilio, so it can no longer be played.";
    public const string Processing = "Twilio is still processing this recording; try again in a minute.";
    public const string NoAudio = "Twilio has this recording but not its audio.";

    // Why a recording could not be had, until when: the page says so instead of offering a player that fails.
    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset Until)> _missing = new(StringComparer.Ordinal);

    public RecordingAvailability Check(Voicemail voicemail)
    {
        ArgumentNullException.ThrowIfNull(voicemail);
        if (credentials.Current() is null)
        {
            return RecordingAvailability.Unavailable(UnconfiguredRecordingSource.Reason);
        }

        if (voicemail.RecordingSid is not { } sid || !RecordingSid().IsMatch(sid))
        {
            return RecordingAvailability.Unavailable(NoRecording);
        }

        return _missing.TryGetValue(sid, out var missing) && missing.Until > clock.GetUtcNow()
            ? RecordingAvailability.Unavailable(missing.Reason)
            : RecordingAvailability.Available;
    }

    public async Task<RecordingMedia?> OpenAsync(Voicemail voicemail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(voicemail);
        if (!Check(voicemail).IsAvailable)
        {
            return null;
        }

        var sid = voicemail.RecordingSid!;
        if (cache.TryOpen(sid) is { } cached)
        {
            return new RecordingMedia(cached);
        }

        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<TwilioRestClient>();
        try
        {
            var stream = cache.CapacityBytes > 0
                ? await cache.StoreAsync(sid, (file, token) => client.DownloadRecordingAsync(sid, file, token), ct)
                : await DownloadToMemoryAsync(client, sid, ct);
            return new RecordingMedia(stream);
        }
        catch (TwilioApiException ex) when (ex.IsNotFound)
        {
            await ExplainMissingAsync(client, sid, ct);
            return null;
        }
        catch (Exception ex) when (ex is TwilioApiException or HttpRequestException)
        {
            LogFetchFailed(logger, sid, voicemail.Id, ex.Message);
            return null;
        }
    }

    /// <summary>The media is not there: ask for the recording itself to tell "deleted" from "not ready yet".</summary>
    private async Task ExplainMissingAsync(TwilioRestClient client, string sid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            var recording = await client.FetchRecordingAsync(sid, ct);
            _missing[sid] = recording.Status is "completed" ? (NoAudio, now.AddMinutes(10)) : (Processing, now.AddMinutes(1));
        }
        catch (TwilioApiException ex) when (ex.IsNotFound)
        {
            _missing[sid] = (Deleted, now.AddDays(1));
        }
        catch (Exception ex) when (ex is TwilioApiException or HttpRequestException)
        {
            _missing[sid] = (NoAudio, now.AddMinutes(1));
        }

        LogMissing(logger, sid, _missing[sid].Reason);
    }

    private static async Task<Stream> DownloadToMemoryAsync(TwilioRestClient client, string sid, CancellationToken ct)
    {
        var memory = new MemoryStream();
        await client.DownloadRecordingAsync(sid, memory, ct);
        memory.Position = 0;
        return memory;
    }

    [GeneratedRegex("^RE[0-9a-fA-F]{32}$")]
    private static partial Regex RecordingSid();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {RecordingSid} of voicemail {VoicemailId} could not be fetched: {Problem}")]
    private static partial void LogFetchFailed(ILogger logger, string recordingSid, long voicemailId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingSid} is not available at Twilio: {Reason}")]
    private static partial void LogMissing(ILogger logger, string recordingSid, string reason);
}
