using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// The &lt;Record&gt; verb (voicemail). Attributes follow the official SDK's order: action,
/// method, timeout, finishOnKey, maxLength, playBeep, trim, recordingStatusCallback,
/// recordingStatusCallbackMethod, transcribe, transcribeCallback.
/// </summary>
public sealed class Record
{
    private static readonly string[] TrimValues = ["trim-silence", "do-not-trim"];

    /// <summary>Where the recording is posted; Twilio defaults to the current document URL (loop risk).</summary>
    public string? Action { get; init => field = TwiMLGuard.Value(value, nameof(Action)); }

    public string? Method { get; init => field = TwiMLGuard.Method(value, nameof(Method)); }

    /// <summary>Seconds of silence that end the recording; 0 disables the silence timeout.</summary>
    public int? Timeout { get; init => field = TwiMLGuard.Range(value, 0, int.MaxValue, nameof(Timeout)); }

    /// <summary>Keys that end the recording; an empty string means none.</summary>
    public string? FinishOnKey { get; init => field = TwiMLGuard.Keys(value, nameof(FinishOnKey)); }

    /// <summary>Maximum length in seconds (Twilio caps it at the account's maximum call length).</summary>
    public int? MaxLength { get; init => field = TwiMLGuard.Range(value, 1, 86400, nameof(MaxLength)); }

    public bool? PlayBeep { get; init; }

    public string? Trim { get; init => field = TwiMLGuard.OneOf(value, TrimValues, nameof(Trim)); }

    public string? RecordingStatusCallback { get; init => field = TwiMLGuard.Value(value, nameof(RecordingStatusCallback)); }

    public string? RecordingStatusCallbackMethod
    {
        get;
        init => field = TwiMLGuard.Method(value, nameof(RecordingStatusCallbackMethod));
    }

    public bool? Transcribe { get; init; }

    /// <summary>Receives the transcription; Twilio only calls it when Transcribe is true.</summary>
    public string? TranscribeCallback { get; init => field = TwiMLGuard.Value(value, nameof(TranscribeCallback)); }

    internal XElement ToXElement() =>
        TwiMLNodes.Element("Record")
            .Attr("action", Action)
            .Attr("method", Method)
            .Attr("timeout", Timeout)
            .Attr("finishOnKey", FinishOnKey)
            .Attr("maxLength", MaxLength)
            .Attr("playBeep", PlayBeep)
            .Attr("trim", Trim)
            .Attr("recordingStatusCallback", RecordingStatusCallback)
            .Attr("recordingStatusCallbackMethod", RecordingStatusCallbackMethod)
            .Attr("transcribe", Transcribe)
            .Attr("transcribeCallback", TranscribeCallback);
}
