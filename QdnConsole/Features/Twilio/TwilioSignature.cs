using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace QdnConsole.Features.Twilio;

/// <summary>
/// X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + sorted parameters)), wire-compatible
/// with the official SDKs (twilio-csharp, twilio-python, twilio-node).
/// </summary>
public static class TwilioSignature
{
    private const int HashLength = 20; // SHA-1

    /// <summary>
    /// Signature of a request: the URL followed by every parameter as key+value, keys sorted
    /// ordinally. A repeated key's values are de-duplicated and sorted (Python/Node); a key
    /// with an empty value still contributes its name.
    /// </summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>>? parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(Encoding.UTF8.GetBytes(authToken), url, Encoding.UTF8.GetBytes(SignedParameters.Canonical(parameters)), hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// True when <paramref name="signature"/> matches for any configured token, for the URL as
    /// given or with its port added/removed. Never throws: bad input is simply not valid.
    /// </summary>
    public static bool IsValid(
        string url,
        IEnumerable<KeyValuePair<string, StringValues>>? parameters,
        string? signature,
        IReadOnlyList<string?> authTokens)
    {
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(signature) || authTokens is null)
        {
            return false;
        }

        // Each token's key once (null for an unset token); no LINQ on the path every webhook takes.
        var keys = new byte[]?[authTokens.Count];
        var anyKey = false;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = string.IsNullOrEmpty(authTokens[i]) ? null : Encoding.UTF8.GetBytes(authTokens[i]!);
            anyKey |= keys[i] is not null;
        }

        if (!anyKey)
        {
            return false;
        }

        // Every webhook Twilio sends has each key once: its parameters are encoded once, straight to UTF-8. A repeated
        // key (or none at all) takes the general path: each form the SDKs sign. The URL's port variant is made only
        // when the URL as received matches no form.
        var signedUrl = TwilioUrlVariant.WithoutFragment(url);
        var single = SignedParameters.RentSingleValuedUtf8(parameters, out var singleLength);
        try
        {
            ReadOnlyMemory<byte>[] forms = single is not null
                ? [single.AsMemory(0, singleLength)]
                : [.. SignedParameters.Forms(parameters).Select(form => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(form))];
            return AnyMatches(keys, signedUrl, forms, signature)
                || (TwilioUrlVariant.PortVariation(signedUrl) is { } variation && AnyMatches(keys, variation, forms, signature));
        }
        finally
        {
            if (single is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(single);
            }
        }
    }

    /// <summary>Whether base64(HMAC-SHA1(key, url + form)) is exactly <paramref name="signature"/> for some key and form, in constant time.</summary>
    private static bool AnyMatches(byte[]?[] keys, string url, ReadOnlyMemory<byte>[] forms, string signature)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        foreach (var key in keys)
        {
            if (key is null)
            {
                continue;
            }

            foreach (var form in forms)
            {
                Hash(key, url, form.Span, hash);
                if (Equal(hash, signature))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the hash's base64 is exactly <paramref name="signature"/>, compared in constant time.</summary>
    private static bool Equal(ReadOnlySpan<byte> hash, string signature)
    {
        Span<char> expected = stackalloc char[28]; // base64 of 20 bytes
        Convert.TryToBase64Chars(hash, expected, out _);
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(signature.AsSpan()));
    }

    /// <summary>
    /// JSON webhooks: Twilio signs the URL alone and puts the body's SHA-256 (lower-case hex)
    /// in the <c>bodySHA256</c> query parameter; both must match.
    /// </summary>
    public static bool IsValidBody(string url, string body, string? signature, IReadOnlyList<string?> authTokens)
    {
        if (string.IsNullOrEmpty(url) || body is null || BodyHash(url) is not { } claimed)
        {
            return false;
        }

        var actual = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var hashMatches = CryptographicOperations.FixedTimeEquals(actual, Encoding.UTF8.GetBytes(claimed));
        return IsValid(url, null, signature, authTokens) && hashMatches;
    }

    private static string? BodyHash(string url)
    {
        var withoutFragment = TwilioUrlVariant.WithoutFragment(url);
        var queryStart = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return null;
        }

        foreach (var pair in withoutFragment[(queryStart + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual("bodySHA256"))
            {
                // The C# SDK unescapes the value; a hex digest is unaffected by it.
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    /// <summary>
    /// HMAC-SHA1(key, url + parameters) into <paramref name="hash"/>; the signed text is put together in a pooled buffer
    /// (every webhook comes through here).
    /// </summary>
    private static void Hash(byte[] key, string url, ReadOnlySpan<byte> parameters, Span<byte> hash)
    {
        var data = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(url.Length) + parameters.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(url, data);
            parameters.CopyTo(data.AsSpan(written));
            // HMAC-SHA1 is what Twilio's protocol mandates; it is a MAC here, not a collision-sensitive hash.
#pragma warning disable CA5350
            HMACSHA1.HashData(key, data.AsSpan(0, written + parameters.Length), hash);
#pragma warning restore CA5350
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(data);
        }
    }
}
