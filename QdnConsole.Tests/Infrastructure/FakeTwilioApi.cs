using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// A stand-in for api.twilio.com on real HTTP: a tiny Kestrel app on a free loopback port. It records every request
/// (method, path, query, Basic-auth user, form fields, headers) and answers what the test scripted for that path;
/// anything unscripted gets Twilio's 404 error body. Credentials below are obviously fake.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable, IDisposable
{
    public const string ApiKey = "SK00000000000000000000000000000000";
    public const string ApiSecret = "fake-api-secret-for-tests-000000";
    public const string AccountPath = "/2010-04-01/Accounts/" + QdnAppFactory.AccountSid;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TwilioApiRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Script> _scripts = new(StringComparer.Ordinal);

    private FakeTwilioApi(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>; the app's Twilio:ApiBaseUrl.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<TwilioApiRequest> Requests => [.. _requests];

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var fake = Create();
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>Started synchronously, for a test class whose app is configured in its constructor (browser tests).</summary>
    public static FakeTwilioApi Start()
    {
        var fake = Create();
        fake._app.Start();
        return fake;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with these replies in turn; the last one repeats.</summary>
    public FakeTwilioApi On(string method, string path, params FakeReply[] replies)
    {
        _scripts[$"{method} {path}"] = new Script([.. replies.Select(r => (Func<TwilioApiRequest, FakeReply>)(_ => r))]);
        return this;
    }

    /// <summary>Answers with a reply computed from the request (e.g. echoing posted fields).</summary>
    public FakeTwilioApi On(string method, string path, Func<TwilioApiRequest, FakeReply> reply)
    {
        _scripts[$"{method} {path}"] = new Script([reply]);
        return this;
    }

    public IReadOnlyList<TwilioApiRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => ((IDisposable)_app).Dispose();

    private static FakeTwilioApi Create()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeTwilioApi(app);
        app.Run(fake.HandleAsync);
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var (user, password) = Basic(request.Headers.Authorization.ToString());
        var recorded = new TwilioApiRequest(
            request.Method, request.Path.Value ?? "", request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), form,
            user, password, request.Headers.Accept.ToString(), request.Headers.UserAgent.ToString(), request.Host.Value ?? "");
        _requests.Enqueue(recorded);

        var reply = _scripts.TryGetValue($"{request.Method} {recorded.Path}", out var script)
            ? script.Next()(recorded)
            : FakeReply.Error(404, 20404, $"The requested resource {recorded.Path} was not found");
        if (reply.Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is { } body)
        {
            context.Response.ContentType = reply.ContentType;
            await context.Response.Body.WriteAsync(body);
        }
    }

    private static (string? User, string? Password) Basic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        return decoded.Split(':', 2) is [var user, var password] ? (user, password) : (decoded, null);
    }

    private sealed class Script(List<Func<TwilioApiRequest, FakeReply>> replies)
    {
        private int _next;

        public Func<TwilioApiRequest, FakeReply> Next()
        {
            var index = Interlocked.Increment(ref _next) - 1;
            return replies[Math.Min(index, replies.Count - 1)];
        }
    }
}

/// <summary>One request the fake Twilio received.</summary>
public sealed record TwilioApiRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    string? User,
    string? Password,
    string Accept,
    string UserAgent,
    string Host);

/// <summary>What the fake Twilio answers.</summary>
public sealed record FakeReply(int Status, byte[]? Body = null, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>200 with <paramref name="resource"/> as Twilio's snake_case JSON.</summary>
    public static FakeReply Json(object resource, int status = 200) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Snake), "application/json");

    /// <summary>Twilio's error body: code, message, more_info, status.</summary>
    public static FakeReply Error(int status, int code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, status) with { Headers = headers };

    public static FakeReply Audio(byte[] bytes) => new(200, bytes, "audio/mpeg");

    public static FakeReply Redirect(string location) => new(302, Headers: new Dictionary<string, string> { ["Location"] = location });
}
