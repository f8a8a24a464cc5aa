using System.Globalization;
using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// Element and attribute construction shared by the verbs, mirroring how the official
/// C# SDK renders TwiML so our output stays byte-for-byte comparable with it.
/// </summary>
internal static class TwiMLNodes
{
    // The SDK always passes string.Empty as content, which makes XLinq write
    // <Hangup></Hangup> rather than <Hangup />; an empty string is dropped once a child
    // element is added, so nested verbs still indent normally.
    public static XElement Element(string name, string? body = null) => new(name, body ?? string.Empty);

    // Attributes are added in the caller's order (the SDK's fixed per-class order) and
    // only when set, so unset options never appear in the document.
    public static XElement Attr(this XElement element, string name, string? value)
    {
        if (value is not null)
        {
            element.SetAttributeValue(name, value);
        }

        return element;
    }

    public static XElement Attr(this XElement element, string name, int? value) =>
        element.Attr(name, value?.ToString(CultureInfo.InvariantCulture));

    // TwiML booleans are lower-case, as the SDK emits them.
    public static XElement Attr(this XElement element, string name, bool? value) =>
        element.Attr(name, value is null ? null : value.Value ? "true" : "false");

    public static XElement Say(string text, string? voice, string? language, int? loop) =>
        Element("Say", TwiMLGuard.Text(text, nameof(text)))
            .Attr("voice", TwiMLGuard.Value(voice, nameof(voice)))
            .Attr("loop", TwiMLGuard.Range(loop, 0, 1000, nameof(loop)))
            .Attr("language", TwiMLGuard.Value(language, nameof(language)));

    public static XElement Play(string url, int? loop) =>
        Element("Play", TwiMLGuard.Text(url, nameof(url)))
            .Attr("loop", TwiMLGuard.Range(loop, 0, 1000, nameof(loop)));

    public static XElement Pause(int? length) =>
        Element("Pause").Attr("length", TwiMLGuard.Range(length, 0, 86400, nameof(length)));
}
