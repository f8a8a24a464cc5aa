using System.Xml.Linq;
using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>Posts webhook requests to the app the way Twilio does: form-encoded and signed with the auth token.</summary>
public sealed class TwilioWebhookClient(HttpClient http, string authToken = QdnAppFactory.AuthToken)
{
    public const string LineNumber = "+18585550100";
    public const string Caller = "+16195550199";

    public static Dictionary<string, string> CallParameters(string callSid, string callStatus = "ringing") => new()
    {
        ["AccountSid"] = QdnAppFactory.AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = callStatus,
        ["Called"] = LineNumber,
        ["Caller"] = Caller,
        ["Direction"] = "inbound",
        ["From"] = Caller,
        ["To"] = LineNumber,
    };

    /// <summary>The X-Twilio-Signature Twilio would send for this URL and form.</summary>
    public string Sign(string url, IReadOnlyDictionary<string, string> form) =>
        TwilioSignature.Compute(authToken, new Uri(http.BaseAddress!, url).AbsoluteUri,
            form.Select(kv => KeyValuePair.Create(kv.Key, new StringValues(kv.Value))));

    /// <summary>Posts to a path or an absolute URL from our own TwiML; returns the status and the parsed TwiML.</summary>
    public async Task<TwiMLReply> PostAsync(string url, IReadOnlyDictionary<string, string> form, string? signature = null, bool sign = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, url)) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            request.Headers.Add("X-Twilio-Signature", signature ?? Sign(url, form));
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new TwiMLReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}

/// <summary>A webhook answer, with helpers to read the TwiML like Twilio would.</summary>
public sealed record TwiMLReply(int Status, string? MediaType, string Body)
{
    public XElement Root => XDocument.Parse(Body).Root!;

    public IEnumerable<string> Verbs => Root.Elements().Select(e => e.Name.LocalName);

    public XElement? Dial => Root.Element("Dial");

    public string? DialedNumber => Dial?.Element("Number")?.Value.Trim();

    public string? DialAction => Dial?.Attribute("action")?.Value;

    public string? ScreenUrl => Dial?.Element("Number")?.Attribute("url")?.Value;

    public string? RecordAction => Root.Element("Record")?.Attribute("action")?.Value;

    public string? Greeting => Root.Element("Record") is null ? null : Root.Elements("Say").FirstOrDefault()?.Value;

    public string? GatherAction => Root.Element("Gather")?.Attribute("action")?.Value;
}
