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
        Hash(authToken, url, SignedParameters.Canonical(parameters), hash);
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

        var signedUrl = TwilioUrlVariant.WithoutFragment(url);
        var parameterBytes = SignedParameters.RentSingleValuedUtf8(parameters, out var parameterLength);
        if (parameterBytes is null)
        {
            return IsValidForAnyForm(signedUrl, parameters, signature, authTokens);
        }

        // Every webhook Twilio sends: the parameters are encoded once, the URL's port variant only made when the URL as
        // received does not match.
        try
        {
            var signed = parameterBytes.AsSpan(0, parameterLength);
            var keys = new byte[]?[authTokens.Count];
            for (var i = 0; i < authTokens.Count; i++)
            {
                if (!string.IsNullOrEmpty(authTokens[i]))
                {
                    keys[i] = Encoding.UTF8.GetBytes(authTokens[i]!);
                    if (Matches(keys[i]!, signedUrl, signed, signature))
                    {
                        return true;
                    }
                }
            }

            if (TwilioUrlVariant.PortVariation(signedUrl) is not { } variation)
            {
                return false;
            }

            foreach (var key in keys)
            {
                if (key is not null && Matches(key, variation, signed, signature))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(parameterBytes);
        }
    }

    /// <summary>The general path: a key repeated, or no parameters; each form the SDKs sign is tried.</summary>
    private static bool IsValidForAnyForm(
        string signedUrl,
        IEnumerable<KeyValuePair<string, StringValues>>? parameters,
        string signature,
        IReadOnlyList<string?> authTokens)
    {
        var tokens = authTokens.Where(t => !string.IsNullOrEmpty(t)).Cast<string>().ToList();
        if (tokens.Count == 0)
        {
            return false;
        }

        string[] urls = TwilioUrlVariant.PortVariation(signedUrl) is { } variation ? [signedUrl, variation] : [signedUrl];
        var parameterForms = SignedParameters.Forms(parameters);
        foreach (var token in tokens)
        {
            foreach (var candidateUrl in urls)
            {
                foreach (var form in parameterForms)
                {
                    if (Matches(token, candidateUrl, form, signature))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether base64(HMAC-SHA1(key, url + signed parameters)) is exactly <paramref name="signature"/>, in constant time.</summary>
    private static bool Matches(byte[] key, string url, ReadOnlySpan<byte> parameters, string signature)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(key, url, parameters, hash);
        return Equal(hash, signature);
    }

    /// <summary>Whether base64(HMAC-SHA1(token, url + form)) is exactly <paramref name="signature"/>, compared in constant time.</summary>
    private static bool Matches(string token, string url, string form, string signature)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(token, url, form, hash);
        return Equal(hash, signature);
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

    /// <summary>HMAC-SHA1(token, url + parameters) into <paramref name="hash"/>, for the general path and <see cref="Compute"/>.</summary>
    private static void Hash(string authToken, string url, string parameters, Span<byte> hash)
    {
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(parameters.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(parameters, bytes);
            Hash(Encoding.UTF8.GetBytes(authToken), url, bytes.AsSpan(0, length), hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
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
