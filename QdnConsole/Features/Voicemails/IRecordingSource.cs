using QdnConsole.Data;

namespace QdnConsole.Features.Voicemails;

/// <summary>
/// Where a voicemail's audio comes from. The console never hands the browser a Twilio URL: it streams whatever the
/// source returns through <c>GET /voicemails/{id}/audio</c>. The Twilio account integration plugs in a source that
/// fetches the recording with the REST credentials (Features/Recordings); without them <see cref="UnconfiguredRecordingSource"/> says why there is none.
/// </summary>
public interface IRecordingSource
{
    /// <summary>Whether audio can be played for this voicemail (cheap, no fetching); when not, why.</summary>
    RecordingAvailability Check(Voicemail voicemail);

    /// <summary>The audio, or null when it cannot be had right now.</summary>
    Task<RecordingMedia?> OpenAsync(Voicemail voicemail, CancellationToken ct);
}

public sealed record RecordingAvailability(bool IsAvailable, string? Reason)
{
    public static RecordingAvailability Available { get; } = new(true, null);

    public static RecordingAvailability Unavailable(string reason) => new(false, reason);
}

/// <summary>Audio to stream; the endpoint disposes <paramref name="Content"/>. A seekable stream allows range requests (seeking in the player).</summary>
public sealed record RecordingMedia(Stream Content, string ContentType = RecordingMedia.Mpeg)
{
    public const string Mpeg = "audio/mpeg";
}

/// <summary>No way to fetch recordings: every voicemail's audio is unavailable, with the reason.</summary>
public sealed class UnconfiguredRecordingSource : IRecordingSource
{
    public const string Reason =
        "Recording audio is not available: fetching it from Twilio needs the REST credentials (TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET; see Settings)";

    public RecordingAvailability Check(Voicemail voicemail) => RecordingAvailability.Unavailable(Reason);

    public Task<RecordingMedia?> OpenAsync(Voicemail voicemail, CancellationToken ct) => Task.FromResult<RecordingMedia?>(null);
}
