using System.Text;
using System.Xml.Linq;

namespace QdnConsole.Features.Twilio.TwiML;

/// <summary>
/// Writes a TwiML document as XLinq's <c>XDocument.Save</c> does through XmlWriter (declaration, two-space indent,
/// the platform's new line, the same escaping), for the shapes TwiML is made of: elements without namespaces whose
/// content is either one text or child elements only. Anything else (mixed content, comments, namespaces, control
/// characters, lone surrogates) returns null and the caller uses XmlWriter, which also rejects what XML cannot hold.
/// </summary>
internal static class TwiMLWriter
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    /// <summary>The document with a root element <paramref name="root"/> (empty-string content) holding <paramref name="children"/>.</summary>
    public static string? TryWrite(string root, IReadOnlyList<XElement> children, bool indent)
    {
        var text = new StringBuilder(512).Append(Declaration);
        NewLine(text, 0, indent);
        text.Append('<').Append(root).Append('>');
        if (children.Count == 0)
        {
            return text.Append("</").Append(root).Append('>').ToString();
        }

        foreach (var child in children)
        {
            if (!Element(text, child, 1, indent))
            {
                return null;
            }
        }

        NewLine(text, 0, indent);
        return text.Append("</").Append(root).Append('>').ToString();
    }

    private static bool Element(StringBuilder text, XElement element, int depth, bool indent)
    {
        if (element.Name.Namespace != XNamespace.None)
        {
            return false;
        }

        var name = element.Name.LocalName;
        NewLine(text, depth, indent);
        text.Append('<').Append(name);
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.Namespace != XNamespace.None)
            {
                return false;
            }

            text.Append(' ').Append(attribute.Name.LocalName).Append("=\"");
            if (!Escaped(text, attribute.Value, quote: true))
            {
                return false;
            }

            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append(" />");
            return true;
        }

        text.Append('>');
        var first = element.FirstNode;
        if (first is null)
        {
            // Empty-string content: XmlWriter writes the full end tag.
        }
        else if (first is XText single && single.NodeType == System.Xml.XmlNodeType.Text && single.NextNode is null)
        {
            if (!Escaped(text, single.Value, quote: false))
            {
                return false;
            }
        }
        else
        {
            for (var node = first; node is not null; node = node.NextNode)
            {
                if (node is not XElement child || !Element(text, child, depth + 1, indent))
                {
                    return false;
                }
            }

            NewLine(text, depth, indent);
        }

        text.Append("</").Append(name).Append('>');
        return true;
    }

    private static void NewLine(StringBuilder text, int depth, bool indent)
    {
        if (indent)
        {
            text.Append(Environment.NewLine).Append(' ', depth * 2);
        }
    }

    /// <summary>XmlWriter's escaping of text and of double-quoted attribute values; false for what it writes otherwise.</summary>
    private static bool Escaped(StringBuilder text, string value, bool quote)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&':
                    text.Append("&amp;");
                    break;
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '"' when quote:
                    text.Append("&quot;");
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    return false;
                case >= '\uD800' and <= '\uDBFF' when i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(c).Append(value[++i]);
                    break;
                case >= '\uD800' and <= '\uDFFF':
                    return false;
                default:
                    text.Append(c);
                    break;
            }
        }

        return true;
    }
}
