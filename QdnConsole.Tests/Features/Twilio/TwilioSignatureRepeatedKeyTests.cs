using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioVectors;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>TV-D: repeated keys, where the SDKs disagree (Python/Node dedupe+sort, C# comma-joins).</summary>
public sealed class TwilioSignatureRepeatedKeyTests
{
    private const string PythonNode = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";
    private const string CommaJoined = "bQp38VnLhWhkW9IsihazaX34UdM=";
    private const string SortedWithoutDedupe = "tM//N+MVWOh7+ol2z8YCNxSY0Eg=";

    [Fact]
    public void Compute_RepeatedKey_DedupesAndSortsValues() =>
        Assert.Equal(PythonNode, TwilioSignature.Compute(Token, Url, Multi()));

    [Fact]
    public void Compute_RepeatedKeyAsSeparatePairs_SameAsOneMultiValue()
    {
        KeyValuePair<string, StringValues>[] pairs =
        [
            new("Sid", "CA123"),
            new("Digits", "5678"),
            new("SidAccount", "AC123"),
            new("Digits", "1234"),
            new("Digits", "1234"),
        ];

        Assert.Equal(PythonNode, TwilioSignature.Compute(Token, Url, pairs));
    }

    [Fact]
    public void IsValid_RepeatedKeyAsSeparatePairs_DedupedFormOnly()
    {
        // Each pair holds one value, as in the common case; the repeated key must still take the general path.
        KeyValuePair<string, StringValues>[] pairs =
        [
            new("Sid", "CA123"),
            new("Digits", "5678"),
            new("SidAccount", "AC123"),
            new("Digits", "1234"),
            new("Digits", "1234"),
        ];

        Assert.True(TwilioSignature.IsValid(Url, pairs, PythonNode, Tokens(Token)));
        Assert.False(TwilioSignature.IsValid(Url, pairs, SortedWithoutDedupe, Tokens(Token)));
    }

    [Fact]
    public void IsValid_RequestForm_BothRepeatedAndSingleValued()
    {
        // The form a request parses: a repeated key arrives as one key with several values.
        var repeated = new Microsoft.AspNetCore.Http.FormCollection(Multi());
        var single = new Microsoft.AspNetCore.Http.FormCollection(new Dictionary<string, StringValues>
        {
            ["Sid"] = "CA123",
            ["SidAccount"] = "AC123",
            ["Digits"] = "1234",
        });

        Assert.True(TwilioSignature.IsValid(Url, repeated, PythonNode, Tokens(Token)));
        Assert.True(TwilioSignature.IsValid(Url, repeated, CommaJoined, Tokens(Token)));
        Assert.False(TwilioSignature.IsValid(Url, repeated, SortedWithoutDedupe, Tokens(Token)));
        Assert.Equal(TwilioSignature.Compute(Token, Url, single.ToDictionary()), TwilioSignature.Compute(Token, Url, single));
        Assert.NotEqual(TwilioSignature.Compute(Token, Url, single), TwilioSignature.Compute(Token, Url, repeated));
    }

    [Fact]
    public void IsValid_PythonNodeSignature_True() =>
        Assert.True(TwilioSignature.IsValid(Url, Multi(), PythonNode, Tokens(Token)));

    [Fact]
    public void IsValid_CSharpCommaJoinedSignature_AlsoTrue() =>
        Assert.True(TwilioSignature.IsValid(Url, Multi(), CommaJoined, Tokens(Token)));

    [Fact]
    public void IsValid_SortedWithoutDedupe_False() =>
        Assert.False(TwilioSignature.IsValid(Url, Multi(), SortedWithoutDedupe, Tokens(Token)));

    [Theory]
    [InlineData("+1325xxxxxxx", "+1415xxxxxxx")]
    [InlineData("+1415xxxxxxx", "+1325xxxxxxx")]
    public void Compute_NodeArrayInAnyOrder_MatchesTvD(string first, string second)
    {
        var parameters = new Dictionary<string, StringValues>
        {
            ["MessagingBinding.Address"] = new StringValues([first, second]),
        };

        Assert.Equal("83O6e2vORAoJHUNzJjDWN1jz+BA=", TwilioSignature.Compute(Token, Url, parameters));
    }

    private static Dictionary<string, StringValues> Multi() => new()
    {
        ["Sid"] = "CA123",
        ["SidAccount"] = "AC123",
        ["Digits"] = new StringValues(["5678", "1234", "1234"]),
    };
}
