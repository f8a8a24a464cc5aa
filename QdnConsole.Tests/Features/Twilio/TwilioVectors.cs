using Microsoft.Extensions.Primitives;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>Inputs shared by the signature test vectors of twilio-facts (TV-A…TV-G).</summary>
internal static class TwilioVectors
{
    public const string Token = "12345";

    public const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    public const string Signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    /// <summary>TV-A parameters, deliberately out of order as in the C# SDK test.</summary>
    public static Dictionary<string, StringValues> Parameters() => new()
    {
        ["From"] = "+14158675309",
        ["CallSid"] = "CA1234567890ABCDE",
        ["To"] = "+18005551212",
        ["Digits"] = "1234",
        ["Caller"] = "+14158675309",
    };

    public static string?[] Tokens(params string?[] tokens) => tokens;
}
