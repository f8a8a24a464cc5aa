using System.Text;
using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// A TwiML &lt;Response&gt; for voice calls. <see cref="ToString()"/> produces exactly what the
/// official C# SDK's VoiceResponse.ToString() does, so documents can be compared with
/// Twilio's own examples byte for byte.
/// </summary>
public sealed class VoiceResponse
{
    private static readonly string[] RejectReasons = ["rejected", "busy"];

    private readonly List<XElement> _verbs = [];

    public VoiceResponse Say(string text, string? voice = null, string? language = null, int? loop = null) =>
        Add(TwiMLNodes.Say(text, voice, language, loop));

    public VoiceResponse Play(string url, int? loop = null) => Add(TwiMLNodes.Play(url, loop));

    public VoiceResponse Pause(int? length = null) => Add(TwiMLNodes.Pause(length));

    public VoiceResponse Dial(Dial dial)
    {
        ArgumentNullException.ThrowIfNull(dial);

        // A <Dial> without a noun is rejected by Twilio at call time; say so now.
        if (dial.NumberCount == 0)
        {
            throw new ArgumentException("A <Dial> needs at least one <Number>.", nameof(dial));
        }

        return Add(dial.ToXElement());
    }

    public VoiceResponse Gather(Gather gather)
    {
        ArgumentNullException.ThrowIfNull(gather);
        return Add(gather.ToXElement());
    }

    public VoiceResponse Record(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Add(record.ToXElement());
    }

    public VoiceResponse Redirect(string url, string? method = null) =>
        Add(TwiMLNodes.Element("Redirect", TwiMLGuard.Text(url, nameof(url)))
            .Attr("method", TwiMLGuard.Method(method, nameof(method))));

    public VoiceResponse Hangup() => Add(TwiMLNodes.Element("Hangup"));

    /// <summary>Declines an incoming call without answering (so it is not billed).</summary>
    public VoiceResponse Reject(string? reason = null) =>
        Add(TwiMLNodes.Element("Reject").Attr("reason", TwiMLGuard.OneOf(reason, RejectReasons, nameof(reason))));

    /// <summary>A fresh document each call; editing it does not change this response.</summary>
    public XDocument ToXDocument()
    {
        var root = TwiMLNodes.Element("Response");
        root.Add(_verbs.Select(v => new XElement(v)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public override string ToString() => ToString(SaveOptions.None);

    public string ToString(SaveOptions options)
    {
        // Every webhook answer is rendered here: the plain cases (what TwiML is made of) are written directly, the
        // same text XmlWriter would produce, without its per-document buffers; anything else goes through XmlWriter.
        if (TwiMLWriter.TryWrite("Response", _verbs, indent: !options.HasFlag(SaveOptions.DisableFormatting)) is { } text)
        {
            return text;
        }

        // The writer's encoding decides the declaration's encoding="…"; a plain
        // StringWriter would claim utf-16.
        using var writer = new Utf8StringWriter();
        ToXDocument().Save(writer, options);
        return writer.ToString();
    }

    private VoiceResponse Add(XElement verb)
    {
        _verbs.Add(verb);
        return this;
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
