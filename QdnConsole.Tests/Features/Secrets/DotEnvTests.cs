using QdnConsole.Features.Secrets;

namespace QdnConsole.Tests.Features.Secrets;

public sealed class DotEnvTests
{
    [Fact]
    public void Parse_TypicalSecretsFile_EveryFormRead()
    {
        const string text = """
            # QDN credentials
            TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000

            export TWILIO_AUTH_TOKEN = fake-token-1   # the primary
              TWILIO_API_KEY='SK00000000000000000000000000000000'
            TWILIO_API_SECRET="fake \"secret\" with\nnewline"
            Twilio__ApiBaseUrl=https://api.example.test/#not-a-comment
            EMPTY=
            HASH=#kept
            """;

        var pairs = DotEnv.Parse(text);

        Assert.Equal(
        [
            new("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
            new("TWILIO_AUTH_TOKEN", "fake-token-1"),
            new("TWILIO_API_KEY", "SK00000000000000000000000000000000"),
            new("TWILIO_API_SECRET", "fake \"secret\" with\nnewline"),
            new("Twilio__ApiBaseUrl", "https://api.example.test/#not-a-comment"),
            new("EMPTY", ""),
            new KeyValuePair<string, string>("HASH", "#kept"),
        ], pairs);
    }

    [Theory]
    [InlineData("A='x y' # comment", "x y")]
    [InlineData("A='no \\n escapes'", "no \\n escapes")]
    [InlineData("A=\"tab\\tand \\\\ backslash\"", "tab\tand \\ backslash")]
    [InlineData("A=\"unknown \\q kept\"", "unknown \\q kept")]
    [InlineData("A=  spaced value  ", "spaced value")]
    [InlineData("A=a#b", "a#b")]
    [InlineData("A=\"#quoted hash\"", "#quoted hash")]
    [InlineData("A=x\r", "x")]
    [InlineData("\uFEFFA=bom", "bom")]
    [InlineData("export\tA=tabbed", "tabbed")]
    public void Parse_Value_ReadAsWritten(string line, string expected)
    {
        var pair = Assert.Single(DotEnv.Parse(line));

        Assert.Equal(("A", expected), (pair.Key, pair.Value));
    }

    [Fact]
    public void Parse_RepeatedKey_LastWins()
    {
        var pairs = DotEnv.Parse("A=1\nA=2");

        Assert.Equal("2", pairs.Last(p => p.Key == "A").Value);
    }

    [Theory]
    [InlineData("A=1\nfake-secret-without-a-key\n", 2, "expected KEY=value")]
    [InlineData("A=1\n\n# c\n=fake-secret\n", 4, "not a valid key")]
    [InlineData("1A=fake-secret", 1, "not a valid key")]
    [InlineData("MY KEY=fake-secret", 1, "not a valid key")]
    [InlineData("A=\"fake-secret", 1, "never closed")]
    [InlineData("A='fake-secret", 1, "never closed")]
    [InlineData("A=\"fake\"-secret", 1, "after the closing quote")]
    public void Parse_MalformedLine_NamesLineNumberNeverItsText(string text, int line, string problem)
    {
        var error = Assert.Throws<DotEnvFormatException>(() => DotEnv.Parse(text));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnlyCommentsAndBlanks_Nothing()
    {
        Assert.Empty(DotEnv.Parse("# nothing\n\n   \n  # indented comment\n"));
    }
}
