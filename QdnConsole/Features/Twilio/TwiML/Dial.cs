using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// The &lt;Dial&gt; verb with &lt;Number&gt; nouns. Properties are emitted in the official
/// SDK's attribute order (action, method, timeout, hangupOnStar, timeLimit, callerId,
/// record, answerOnBridge, ringTone), whatever order they are set in.
/// </summary>
public sealed class Dial
{
    // Twilio rings at most ten numbers at once.
    private const int MaxNumbers = 10;

    private static readonly string[] RecordValues =
    [
        "do-not-record", "record-from-answer", "record-from-ringing",
        "record-from-answer-dual", "record-from-ringing-dual", "true", "false",
    ];

    private static readonly string[] RingTones =
    [
        "at", "au", "bg", "br", "be", "ch", "cl", "cn", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr",
        "hu", "il", "in", "it", "lt", "jp", "mx", "my", "nl", "no", "nz", "ph", "pl", "pt", "ru", "se",
        "sg", "th", "uk", "us", "us-old", "tw", "ve", "za",
    ];

    private static readonly string[] NumberEvents = ["initiated", "ringing", "answered", "completed"];

    private readonly List<XElement> _numbers = [];

    public string? Action { get; init => field = TwiMLGuard.Value(value, nameof(Action)); }

    public string? Method { get; init => field = TwiMLGuard.Method(value, nameof(Method)); }

    /// <summary>Seconds to ring; Twilio accepts 5..600 (error 13212 otherwise).</summary>
    public int? Timeout { get; init => field = TwiMLGuard.Range(value, 5, 600, nameof(Timeout)); }

    public bool? HangupOnStar { get; init; }

    /// <summary>Maximum call length in seconds; up to 24 h when the account allows it.</summary>
    public int? TimeLimit { get; init => field = TwiMLGuard.Range(value, 1, 86400, nameof(TimeLimit)); }

    public string? CallerId { get; init => field = TwiMLGuard.Value(value, nameof(CallerId)); }

    public string? Record { get; init => field = TwiMLGuard.OneOf(value, RecordValues, nameof(Record)); }

    public bool? AnswerOnBridge { get; init; }

    public string? RingTone { get; init => field = TwiMLGuard.OneOf(value, RingTones, nameof(RingTone)); }

    internal int NumberCount => _numbers.Count;

    /// <summary>Adds a &lt;Number&gt;; several numbers ring simultaneously and the first to answer wins.</summary>
    /// <param name="url">TwiML run on the called party after answer, before bridging (screening/whisper).</param>
    public Dial Number(
        string number,
        string? url = null,
        string? method = null,
        string? statusCallback = null,
        string? statusCallbackEvent = null)
    {
        if (_numbers.Count == MaxNumbers)
        {
            throw new InvalidOperationException($"A <Dial> can ring at most {MaxNumbers} numbers.");
        }

        _numbers.Add(TwiMLNodes.Element("Number", TwiMLGuard.Text(number, nameof(number)))
            .Attr("url", TwiMLGuard.Value(url, nameof(url)))
            .Attr("method", TwiMLGuard.Method(method, nameof(method)))
            .Attr("statusCallbackEvent", TwiMLGuard.Tokens(statusCallbackEvent, NumberEvents, nameof(statusCallbackEvent)))
            .Attr("statusCallback", TwiMLGuard.Value(statusCallback, nameof(statusCallback))));
        return this;
    }

    internal XElement ToXElement()
    {
        var dial = TwiMLNodes.Element("Dial")
            .Attr("action", Action)
            .Attr("method", Method)
            .Attr("timeout", Timeout)
            .Attr("hangupOnStar", HangupOnStar)
            .Attr("timeLimit", TimeLimit)
            .Attr("callerId", CallerId)
            .Attr("record", Record)
            .Attr("answerOnBridge", AnswerOnBridge)
            .Attr("ringTone", RingTone);

        // Copies, so rendering twice (or editing a rendered document) never moves our nodes.
        dial.Add(_numbers.Select(n => new XElement(n)));
        return dial;
    }
}
