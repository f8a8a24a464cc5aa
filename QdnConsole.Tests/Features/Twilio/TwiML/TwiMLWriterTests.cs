using System.Text;
using System.Xml.Linq;
using QdnConsole.Features.Twilio.TwiML;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

/// <summary>
/// VoiceResponse writes its documents itself (TwiMLWriter) for speed; what it writes must be what XmlWriter writes
/// from the same document, character for character, whatever the text holds.
/// </summary>
public sealed class TwiMLWriterTests
{
    // Characters XML escapes, quotes, non-ASCII, an emoji (a surrogate pair), control characters XML cannot hold,
    // new lines and tabs (which XmlWriter rewrites), a lone surrogate.
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "&", "<", ">", "\"", "'", "&amp;", "]]>", "José", "日本", "😀", "\u00A0", "\t", "\n", "\r\n", "\r",
        "\u0001", "\u001F", "\uFFFE", "\uD800", "https://example.com/x?a=1&b=2", "+18585550101",
    ];

    public static TheoryData<string> Texts()
    {
        var random = new Random(20261121);
        var texts = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        while (texts.Count < 300)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            texts.Add(text.ToString());
        }

        return new TheoryData<string>(texts);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void ToString_AnyText_SameAsXmlWriter(string text)
    {
        foreach (var response in Responses(text))
        {
            foreach (var options in (SaveOptions[])[SaveOptions.None, SaveOptions.DisableFormatting])
            {
                var expected = Outcome(() => ThroughXmlWriter(response, options));
                var actual = Outcome(() => response.ToString(options));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void ToString_EmptyAndNestedResponses_SameAsXmlWriter()
    {
        VoiceResponse[] responses =
        [
            new VoiceResponse(),
            new VoiceResponse().Hangup(),
            new VoiceResponse().Pause(),
            new VoiceResponse().Gather(new Gather { Action = "/g?a=1&b=2", NumDigits = 1 }.Say("Press 1", loop: 2).Pause(1)).Hangup(),
            new VoiceResponse().Dial(new Dial { Action = "/d", Timeout = 20, AnswerOnBridge = true }
                .Number("+18585550101", url: "/s?x=1&y=2", statusCallback: "/l", statusCallbackEvent: "answered")),
            new VoiceResponse().Say("Hi").Record(new QdnConsole.Features.Twilio.TwiML.Record { Action = "/v", MaxLength = 180, FinishOnKey = "#", PlayBeep = true }).Say("Bye").Hangup(),
        ];

        foreach (var response in responses)
        {
            Assert.Equal(ThroughXmlWriter(response, SaveOptions.None), response.ToString());
            Assert.Equal(ThroughXmlWriter(response, SaveOptions.DisableFormatting), response.ToString(SaveOptions.DisableFormatting));
        }
    }

    private static IEnumerable<VoiceResponse> Responses(string text)
    {
        // Each built only when the builder accepts the text (its own guards refuse some).
        Func<VoiceResponse>[] builders =
        [
            () => new VoiceResponse().Say(text),
            () => new VoiceResponse().Say("x", voice: text).Hangup(),
            () => new VoiceResponse().Redirect(text, method: "POST"),
            () => new VoiceResponse().Dial(new Dial { Action = text }.Number("+18585550101", url: text)),
            () => new VoiceResponse().Gather(new Gather { Action = text }.Say(text)),
        ];
        foreach (var build in builders)
        {
            VoiceResponse response;
            try
            {
                response = build();
            }
            catch (ArgumentException)
            {
                continue;
            }

            yield return response;
        }
    }

    private static string ThroughXmlWriter(VoiceResponse response, SaveOptions options)
    {
        using var writer = new Utf8StringWriter();
        response.ToXDocument().Save(writer, options);
        return writer.ToString();
    }

    private static string Outcome(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (ArgumentException ex)
        {
            return "refused: " + ex.GetType().Name;
        }
    }

    private sealed class Utf8StringWriter() : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
