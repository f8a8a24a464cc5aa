using System.Xml.Linq;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

internal static class TwiMLText
{
    // The elements between <Response> and </Response>, unformatted.
    public static string Verbs(VoiceResponse response)
    {
        const string prefix = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response>";
        const string suffix = "</Response>";
        var xml = response.ToString(SaveOptions.DisableFormatting);
        Assert.StartsWith(prefix, xml, StringComparison.Ordinal);
        Assert.EndsWith(suffix, xml, StringComparison.Ordinal);
        return xml[prefix.Length..^suffix.Length];
    }
}
