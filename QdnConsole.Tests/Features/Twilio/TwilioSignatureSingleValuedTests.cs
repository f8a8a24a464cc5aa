using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;
using static QdnConsole.Tests.Features.Twilio.TwilioVectors;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>
/// Every webhook Twilio sends has each key once: its signature is checked from the pairs encoded straight to UTF-8,
/// without the canonical string. That path must sign exactly what the SDKs sign, whatever the text and however many
/// pairs arrive.
/// </summary>
public sealed class TwilioSignatureSingleValuedTests
{
    [Fact]
    public void ManyUnicodePairs_InAnyOrder_AreSignedAsTheSdksSignThem()
    {
        // More pairs than a plain sequence is first given room for, keys out of order, text outside ASCII, an empty value.
        var pairs = Enumerable.Range(0, 40)
            .Select(i => KeyValuePair.Create($"Key{(i * 7) % 40:D2}", new StringValues($"välue {i} — 📞 ☎")))
            .Append(KeyValuePair.Create("CallerName", new StringValues("José Ñúñez")))
            .Append(KeyValuePair.Create("Empty", new StringValues(string.Empty)))
            .ToList();
        var signature = Sdk(Token, Url, pairs);

        Assert.True(TwilioSignature.IsValid(Url, OneByOne(pairs), signature, [Token]));
        Assert.Equal(signature, TwilioSignature.Compute(Token, Url, pairs));

        // The bytes hashed are the SDKs' text itself (a repeated key would fall back to the general path, which signs
        // the same: the check above could not tell the two apart).
        var bytes = SignedParameters.RentSingleValuedUtf8(OneByOne(pairs), out var length);
        Assert.NotNull(bytes);
        Assert.Equal(Canonical(pairs), Encoding.UTF8.GetString(bytes, 0, length));
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
    }

    [Fact]
    public void ARepeatedKey_TakesTheGeneralPath()
    {
        List<KeyValuePair<string, StringValues>> pairs = [new("Digits", "1"), new("CallSid", "CA1"), new("Digits", "2")];

        Assert.Null(SignedParameters.RentSingleValuedUtf8(pairs, out _));
    }

    [Fact]
    public void OneChangedCharacter_OrAnotherToken_IsRefused()
    {
        List<KeyValuePair<string, StringValues>> pairs = [new("CallSid", "CA123"), new("From", "+16195550199"), new("CallerName", "Zoë")];
        var signature = Sdk(Token, Url, pairs);
        List<KeyValuePair<string, StringValues>> changed = [new("CallSid", "CA123"), new("From", "+16195550199"), new("CallerName", "Zoe")];

        Assert.False(TwilioSignature.IsValid(Url, changed, signature, [Token]));
        Assert.False(TwilioSignature.IsValid(Url, pairs, signature, ["another-fake-token"]));
        Assert.True(TwilioSignature.IsValid(Url, pairs, signature, [null, "", "another-fake-token", Token]));
    }

    /// <summary>What the Python and Node SDKs compute: HMAC-SHA1 over the URL and each key+value, keys sorted ordinally.</summary>
    private static string Sdk(string token, string url, IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var signed = url + Canonical(pairs);
#pragma warning disable CA5350 // Twilio's protocol
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed)));
#pragma warning restore CA5350
    }

    private static string Canonical(IEnumerable<KeyValuePair<string, StringValues>> pairs) =>
        string.Concat(pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));

    /// <summary>The pairs as a sequence that cannot tell its length in advance.</summary>
    private static IEnumerable<KeyValuePair<string, StringValues>> OneByOne(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        foreach (var pair in pairs)
        {
            yield return pair;
        }
    }
}
