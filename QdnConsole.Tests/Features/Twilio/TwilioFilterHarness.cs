using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using QdnConsole.Features.Twilio;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>Builds <see cref="DefaultHttpContext"/> requests and runs the filter without a server.</summary>
internal sealed class TwilioFilterHarness(TwilioOptions options, LocalSigningToken? localToken = null)
{
    public const string Token = "primary-token";
    public const string FormBody = "CallSid=CA1&From=%2B15551230001&Digits=";

    /// <summary><see cref="FormBody"/> as the fields Twilio signed.</summary>
    public static readonly Dictionary<string, StringValues> FormFields = new()
    {
        ["CallSid"] = "CA1",
        ["From"] = "+15551230001",
        ["Digits"] = "",
    };

    public List<string> Logs { get; } = [];

    public bool NextCalled { get; private set; }

    public static DefaultHttpContext Request(
        string method, string scheme, string host, string path, string query = "", string? rawTarget = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (rawTarget is not null)
        {
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        }

        return context;
    }

    public static void Body(HttpContext context, string contentType, string body)
    {
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
    }

    public static DefaultHttpContext FormPost(string scheme, string host, string path, string body = FormBody)
    {
        var context = Request("POST", scheme, host, path);
        Body(context, "application/x-www-form-urlencoded", body);
        return context;
    }

    /// <summary>Adds the X-Twilio-Signature header Twilio would send for this URL and fields.</summary>
    public static void Sign(HttpContext context, string token, string url, Dictionary<string, StringValues>? fields) =>
        context.Request.Headers[TwilioSignatureFilter.SignatureHeader] = TwilioSignature.Compute(token, url, fields);

    public async Task<object?> InvokeAsync(HttpContext context)
    {
        var filter = new TwilioSignatureFilter(new FixedOptions<TwilioOptions>(options), localToken ?? new LocalSigningToken(null), new ListLogger(Logs));
        return await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ =>
        {
            NextCalled = true;
            return ValueTask.FromResult<object?>("next");
        });
    }

    private sealed class ListLogger(List<string> logs) : ILogger<TwilioSignatureFilter>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
