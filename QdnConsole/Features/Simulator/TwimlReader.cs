using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;

namespace QdnConsole.Features.Simulator;

/// <summary>One TwiML element as Twilio executes it: name, attributes, trimmed text and nested elements.</summary>
public sealed record TwimlVerb(string Name, string Text, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<TwimlVerb> Children)
{
    public string? Attr(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A parsed answer: the verbs, or why Twilio would refuse the document.</summary>
public sealed record TwimlReadResult(IReadOnlyList<TwimlVerb> Verbs, string? Error)
{
    public bool Ok => Error is null;

    public static TwimlReadResult Fail(string error) => new([], error);
}

/// <summary>Where a document runs: on the caller's call, or on a dialed phone before bridging (a &lt;Number url&gt; whisper).</summary>
public enum TwimlContext
{
    Call,
    Whisper,
}

/// <summary>
/// Reads a webhook answer as Twilio would: XML content type, well-formed, &lt;Response&gt; root, known verbs nested
/// only where Twilio allows them (errors 12100, 12102, 11200). Anything else is refused with the reason.
/// </summary>
public static class TwimlReader
{
    private static readonly HashSet<string> CallVerbs = ["Say", "Play", "Pause", "Dial", "Gather", "Record", "Redirect", "Hangup", "Reject"];

    // A <Number url> document "does not support any other TwiML verbs" than these (twilio-facts §2.4).
    private static readonly HashSet<string> WhisperVerbs = ["Say", "Play", "Gather", "Hangup"];

    private static readonly HashSet<string> GatherChildren = ["Say", "Play", "Pause"];
    private static readonly HashSet<string> DialNouns = ["Number", "Client", "Sip"];
    private static readonly HashSet<string> SsmlTags = ["break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w"];

    // Real Twilio verbs and nouns this product never answers with; named so the message is not "unknown".
    private static readonly HashSet<string> UnsimulatedTwilio =
    [
        "Conference", "Queue", "Enqueue", "Leave", "Connect", "Stream", "Start", "Stop", "Pay", "Prompt", "Refer",
        "Sms", "Message", "Echo", "Sim", "Application", "Siprec", "Transcription", "VirtualAgent",
    ];

    public static TwimlReadResult Read(string? contentType, string? body, TwimlContext context = TwimlContext.Call)
    {
        if (!IsXml(contentType))
        {
            return TwimlReadResult.Fail($"Content-Type '{contentType ?? "(none)"}' is not TwiML: Twilio expects application/xml or text/xml (error 11200)");
        }

        if (Parse(body ?? string.Empty) is not { } document)
        {
            return TwimlReadResult.Fail("The answer is not well-formed XML (Twilio error 12100, document parse failure)");
        }

        var root = document.Root!;
        if (root.Name != "Response")
        {
            return TwimlReadResult.Fail($"The root element is <{root.Name.LocalName}>, not <Response> (Twilio error 12102)");
        }

        var allowed = context == TwimlContext.Whisper ? WhisperVerbs : CallVerbs;
        var verbs = new List<TwimlVerb>();
        foreach (var element in root.Elements())
        {
            var error = CheckTopLevel(element, allowed, context) ?? Check(element);
            if (error is not null)
            {
                return TwimlReadResult.Fail(error);
            }

            verbs.Add(ToVerb(element));
        }

        return new TwimlReadResult(verbs, null);
    }

    private static bool IsXml(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType?.ToLowerInvariant() is "application/xml" or "text/xml";

    private static XDocument? Parse(string body)
    {
        // No DTDs, no external entities: the same refusal a careful parser (and Twilio) gives them.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? CheckTopLevel(XElement element, HashSet<string> allowed, TwimlContext context)
    {
        var name = element.Name.LocalName;
        if (element.Name.Namespace != XNamespace.None || !(CallVerbs.Contains(name) || DialNouns.Contains(name)))
        {
            return Unknown(element);
        }

        if (DialNouns.Contains(name))
        {
            return $"<{name}> must be inside <Dial>, not directly in <Response>";
        }

        return allowed.Contains(name) ? null : context == TwimlContext.Whisper
            ? $"<{name}> is not allowed in a <Number url> document (Twilio runs only Say, Play, Gather and Hangup there)"
            : Unknown(element);
    }

    /// <summary>What may be inside each verb.</summary>
    private static string? Check(XElement verb)
    {
        var name = verb.Name.LocalName;
        var method = verb.Attribute("method")?.Value;
        if (method is not null and not "GET" and not "POST")
        {
            return $"<{name} method=\"{method}\"> must be GET or POST";
        }

        var children = verb.Elements().ToList();
        switch (name)
        {
            case "Say":
                return children.FirstOrDefault(c => !SsmlTags.Contains(c.Name.LocalName)) is { } bad ? Nested(bad, verb) : null;
            case "Gather":
                return children.FirstOrDefault(c => !GatherChildren.Contains(c.Name.LocalName)) is { } notPrompt
                    ? Nested(notPrompt, verb)
                    : children.Select(Check).FirstOrDefault(e => e is not null);
            case "Dial":
                if (children.FirstOrDefault(c => !DialNouns.Contains(c.Name.LocalName)) is { } notNoun)
                {
                    return Nested(notNoun, verb);
                }

                return children.Count == 0 && string.IsNullOrWhiteSpace(verb.Value)
                    ? "<Dial> has no number to call (no <Number>, <Client> or <Sip>)"
                    : children.Select(CheckNoun).FirstOrDefault(e => e is not null);
            case "Redirect":
                return children.Count > 0 ? Nested(children[0], verb)
                    : string.IsNullOrWhiteSpace(verb.Value) ? "<Redirect> has no URL" : null;
            default:
                // Play, Pause, Record, Hangup, Reject take no nested elements.
                return children.Count > 0 ? Nested(children[0], verb) : null;
        }
    }

    private static string? CheckNoun(XElement noun)
    {
        var name = noun.Name.LocalName;
        var children = noun.Elements().ToList();
        if (name == "Client")
        {
            return children.FirstOrDefault(c => c.Name.LocalName is not "Identity" and not "Parameter") is { } bad ? Nested(bad, noun) : null;
        }

        if (children.Count > 0)
        {
            return Nested(children[0], noun);
        }

        return string.IsNullOrWhiteSpace(noun.Value) ? $"<{name}> inside <Dial> is empty" : null;
    }

    private static string Unknown(XElement element)
    {
        var name = element.Name.LocalName;
        return UnsimulatedTwilio.Contains(name)
            ? $"<{name}> is a Twilio verb this product never uses; the simulator does not play it"
            : $"<{name}> is not a TwiML verb";
    }

    private static string Nested(XElement child, XElement parent) =>
        $"<{child.Name.LocalName}> cannot be nested inside <{parent.Name.LocalName}>";

    private static TwimlVerb ToVerb(XElement element) => new(
        element.Name.LocalName,
        element.HasElements && element.Name.LocalName != "Say" ? string.Empty : element.Value.Trim(),
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal),
        [.. element.Elements().Select(ToVerb)]);
}
