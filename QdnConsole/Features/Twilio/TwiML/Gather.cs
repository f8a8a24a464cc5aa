using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// The &lt;Gather&gt; verb with its nestable prompts (&lt;Say&gt;, &lt;Play&gt;, &lt;Pause&gt;).
/// Attributes follow the official SDK's order: input, action, method, timeout,
/// speechTimeout, finishOnKey, numDigits, language, hints, actionOnEmptyResult.
/// </summary>
public sealed class Gather
{
    private static readonly string[] Inputs = ["dtmf", "speech"];

    private readonly List<XElement> _prompts = [];

    /// <summary>"dtmf" (Twilio's default), "speech" or "dtmf speech".</summary>
    public string? Input { get; init => field = TwiMLGuard.Tokens(value, Inputs, nameof(Input)); }

    /// <summary>Where the digits are posted; Twilio defaults to the current document URL.</summary>
    public string? Action { get; init => field = TwiMLGuard.Value(value, nameof(Action)); }

    public string? Method { get; init => field = TwiMLGuard.Method(value, nameof(Method)); }

    /// <summary>Seconds of silence before Twilio stops waiting for input.</summary>
    public int? Timeout { get; init => field = TwiMLGuard.Range(value, 1, int.MaxValue, nameof(Timeout)); }

    /// <summary>"auto" or a number of seconds, for speech input.</summary>
    public string? SpeechTimeout { get; init => field = TwiMLGuard.Value(value, nameof(SpeechTimeout)); }

    /// <summary>Keys that end input; an empty string means none.</summary>
    public string? FinishOnKey { get; init => field = TwiMLGuard.Keys(value, nameof(FinishOnKey)); }

    public int? NumDigits { get; init => field = TwiMLGuard.Range(value, 1, int.MaxValue, nameof(NumDigits)); }

    /// <summary>Speech recognition language, e.g. "en-US".</summary>
    public string? Language { get; init => field = TwiMLGuard.Value(value, nameof(Language)); }

    /// <summary>Comma-separated words or phrases that help speech recognition.</summary>
    public string? Hints { get; init => field = TwiMLGuard.Value(value, nameof(Hints)); }

    /// <summary>When true the action is requested even without input (instead of falling through).</summary>
    public bool? ActionOnEmptyResult { get; init; }

    public Gather Say(string text, string? voice = null, string? language = null, int? loop = null)
    {
        _prompts.Add(TwiMLNodes.Say(text, voice, language, loop));
        return this;
    }

    public Gather Play(string url, int? loop = null)
    {
        _prompts.Add(TwiMLNodes.Play(url, loop));
        return this;
    }

    public Gather Pause(int? length = null)
    {
        _prompts.Add(TwiMLNodes.Pause(length));
        return this;
    }

    internal XElement ToXElement()
    {
        var gather = TwiMLNodes.Element("Gather")
            .Attr("input", Input)
            .Attr("action", Action)
            .Attr("method", Method)
            .Attr("timeout", Timeout)
            .Attr("speechTimeout", SpeechTimeout)
            .Attr("finishOnKey", FinishOnKey)
            .Attr("numDigits", NumDigits)
            .Attr("language", Language)
            .Attr("hints", Hints)
            .Attr("actionOnEmptyResult", ActionOnEmptyResult);

        // Copies, so rendering twice (or editing a rendered document) never moves our nodes.
        gather.Add(_prompts.Select(p => new XElement(p)));
        return gather;
    }
}
