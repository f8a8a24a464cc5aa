using QdnConsole.Features.Twilio.TwiML;
// Xunit has a Record class too.
using Record = QdnConsole.Features.Twilio.TwiML.Record;

namespace QdnConsole.Tests.Features.Twilio.TwiML;

/// <summary>Obviously invalid TwiML fails when built, not when Twilio reads it mid-call.</summary>
public sealed class TwiMLValidationTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    [InlineData(-1)]
    public void DialTimeout_OutsideFiveToSixHundred_Throws(int timeout)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dial { Timeout = timeout });
        Assert.Equal(nameof(Dial.Timeout), e.ParamName);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(600)]
    public void DialTimeout_Bounds_Accepted(int timeout) => Assert.Equal(timeout, new Dial { Timeout = timeout }.Timeout);

    [Fact]
    public void GatherNumDigits_Zero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gather { NumDigits = 0 });

    [Fact]
    public void Methods_NotGetOrPost_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Dial { Method = "PUT" });
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Redirect("/next", method: "post"));
        Assert.Throws<ArgumentException>(() => new Dial().Number("+15551230001", method: "DELETE"));
    }

    [Fact]
    public void EnumeratedValues_Unknown_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Dial { Record = "always" });
        Assert.Throws<ArgumentException>(() => new Dial { RingTone = "xx" });
        Assert.Throws<ArgumentException>(() => new Record { Trim = "trim" });
        Assert.Throws<ArgumentException>(() => new Gather { Input = "voice" });
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Reject("declined"));
        Assert.Throws<ArgumentException>(() => new Dial().Number("+15551230001", statusCallbackEvent: "answered hungup"));
    }

    [Fact]
    public void FinishOnKey_NotAKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Gather { FinishOnKey = "x" });
        Assert.Equal(string.Empty, new Record { FinishOnKey = string.Empty }.FinishOnKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Bodies_Blank_Throw(string blank)
    {
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Say(blank));
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Play(blank));
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Redirect(blank));
        Assert.Throws<ArgumentException>(() => new Dial().Number(blank));
    }

    [Fact]
    public void Text_WithCharacterXmlCannotCarry_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Say("bell \u0007"));

    [Fact]
    public void Dial_WithoutNumber_Throws() =>
        Assert.Throws<ArgumentException>(() => new VoiceResponse().Dial(new Dial { Timeout = 20 }));

    [Fact]
    public void Dial_EleventhNumber_Throws()
    {
        var dial = new Dial();
        for (var i = 0; i < 10; i++)
        {
            dial.Number($"+1555123000{i}");
        }

        Assert.Throws<InvalidOperationException>(() => dial.Number("+15551230010"));
    }
}
