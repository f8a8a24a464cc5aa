#:property PublishAot=false
#:package Microsoft.Playwright
// The measuring half of bench/console (which starts the app and seeds it). Run by bench/console:
//   dotnet run bench/lib/console.cs -- history URL TOKEN EMAIL PASSWORD DEEP_CURSOR RARE_CALLER DETAIL_ID
//   dotnet run bench/lib/console.cs -- board URL TOKEN EMAIL PASSWORD CALLS LABEL
// Prints one line per figure; exits 1 when something does not work (a page that does not render, a webhook that
// fails, a board that never shows the call), never because a figure is slow.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;

// Enough requests per page for .NET's tiered JIT to have compiled the page's code fully (30 calls, then a background compile).
const int RenderWarmup = 30;
const int Warmup = 5;
const int Requests = 50;
const int Navigations = 20;
const float TimeoutMs = 30_000;
const int HistoryTargetMs = 100; // issue 6: a history page over 100k calls renders in < 100 ms
const int BoardTargetMs = 250; // issue 6: live board update < 250 ms after the webhook
string[] launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

if (args is not ["history", _, _, _, _, _, _, _] and not ["board", _, _, _, _, _, _])
{
    Console.Error.WriteLine("usage: console.cs history URL TOKEN EMAIL PASSWORD DEEP_CURSOR RARE_CALLER DETAIL_ID | board URL TOKEN EMAIL PASSWORD CALLS LABEL");
    return 2;
}

var baseUrl = args[1].TrimEnd('/');
var (token, email, password) = (args[2], args[3], args[4]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("QDN_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
    Headless = true,
    Args = launchArgs,
    Timeout = TimeoutMs,
});

try
{
    if (args[0] == "history")
    {
        await HistoryAsync(args[5], args[6], long.Parse(args[7], CultureInfo.InvariantCulture));
    }
    else
    {
        await BoardAsync(int.Parse(args[5], CultureInfo.InvariantCulture), args[6]);
    }

    return 0;
}
catch (Exception ex) when (ex is BenchFailure or PlaywrightException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine($"FAILED: {ex.Message}");
    return 1;
}

// Server render: the whole prerendered HTML of each page over loopback, signed in; then, in Chromium, the time from
// navigation start until the list is in the document and until the page is interactive (its circuit is up).
async Task HistoryAsync(string deepCursor, string rareCaller, long detailId)
{
    var page = await SignedInPageAsync();
    var cookies = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
    using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    http.DefaultRequestHeaders.Add("Cookie", cookies);
    (string Name, string Path, string MustContain)[] pages =
    [
        ("history, newest page", "/calls", "data-call-sid"),
        ("history, line + disposition filter", "/calls?line=shop&disposition=Voicemail", "data-call-sid"),
        ("history, halfway back (keyset cursor)", $"/calls?before={deepCursor}", "data-call-sid"),
        ("history, caller search (a rare number)", $"/calls?caller={Uri.EscapeDataString(rareCaller)}", "data-call-sid"),
        ("call detail with its timeline", $"/calls/{detailId}", "call-timeline"),
    ];
    Console.WriteLine($"server render, whole HTML response, {Requests} requests each after {RenderWarmup} warm-up (ms):");
    foreach (var (name, path, mustContain) in pages)
    {
        var times = new List<double>();
        for (var i = 0; i < RenderWarmup + Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains(mustContain, StringComparison.Ordinal))
            {
                throw new BenchFailure($"GET {path}: {(int)response.StatusCode}, {html.Length} characters, no '{mustContain}'");
            }

            if (i >= RenderWarmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Report(name, times, HistoryTargetMs);
    }

    // The init script runs in every document before the page's own scripts and notes when the list arrives.
    await page.Context.AddInitScriptAsync("""
        new MutationObserver((_, observer) => {
          const now = performance.now();
          if (window.__listAt === undefined && document.querySelector('table.history tbody tr')) window.__listAt = now;
          if (window.__interactiveAt === undefined && document.querySelector('form.filters[data-interactive]')) { window.__interactiveAt = now; observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true, attributes: true });
        """);
    Console.WriteLine($"in Chromium, from navigation start, {Navigations} navigations each after {Warmup} warm-up (ms):");
    foreach (var (name, path, _) in pages[..4])
    {
        var list = new List<double>();
        var interactive = new List<double>();
        for (var i = 0; i < Warmup + Navigations; i++)
        {
            await page.GotoAsync(path);
            await page.WaitForFunctionAsync("() => window.__listAt !== undefined && window.__interactiveAt !== undefined");
            if (i >= Warmup)
            {
                list.Add(await page.EvaluateAsync<double>("() => window.__listAt"));
                interactive.Add(await page.EvaluateAsync<double>("() => window.__interactiveAt"));
            }
        }

        Report($"{name}: list shown", list);
        Report($"{name}: interactive", interactive);
    }
}

// Boards open on the home page; each call is a signed inbound-call webhook; the latency is from the webhook's response
// arriving here to the call being in each board's document (a MutationObserver notes the time, same clock).
async Task BoardAsync(int calls, string label)
{
    var boards = new List<IPage>();
    for (var i = 0; i < 2; i++)
    {
        var board = await SignedInPageAsync();
        await board.GetByTestId("live").WaitForAsync();
        await board.EvaluateAsync("""
            () => {
              window.__seen = {};
              const mark = () => {
                const now = performance.timeOrigin + performance.now();
                for (const el of document.querySelectorAll('[data-call-sid]')) {
                  const sid = el.getAttribute('data-call-sid');
                  if (!(sid in window.__seen)) window.__seen[sid] = now;
                }
              };
              mark();
              new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
            }
            """);
        boards.Add(board);
    }

    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    var afterResponse = new List<double>();
    var afterSend = new List<double>();
    var webhook = new List<double>();
    var random = new Random(6);
    // The first calls warm the webhook and the boards' refresh path up; they are not counted.
    for (var n = -Warmup; n < calls; n++)
    {
        var sid = $"CA{Guid.NewGuid():N}";
        var sent = EpochMs();
        var twiml = await PostSignedAsync(http, "/twilio/inbound-call", Call(sid, "ringing"));
        var answered = EpochMs();
        if (!twiml.Contains("<Dial", StringComparison.Ordinal))
        {
            throw new BenchFailure($"inbound-call for {sid} answered no <Dial>: {twiml}");
        }

        foreach (var board in boards)
        {
            await board.WaitForFunctionAsync("sid => window.__seen[sid] !== undefined", sid, new() { Timeout = TimeoutMs });
            var seen = await board.EvaluateAsync<double>("sid => window.__seen[sid]", sid);
            if (n >= 0)
            {
                afterResponse.Add(seen - answered);
                afterSend.Add(seen - sent);
            }
        }

        if (n >= 0)
        {
            webhook.Add(answered - sent);
        }

        // The caller hangs up; the boards settle before the next call, so one refresh never serves two calls.
        var status = Call(sid, "completed");
        status["CallDuration"] = "5";
        await PostSignedAsync(http, "/twilio/call-status", status);
        foreach (var board in boards)
        {
            await board.WaitForFunctionAsync("sid => !document.querySelector(`article.live-call[data-call-sid='${sid}']`)", sid, new() { Timeout = TimeoutMs });
        }

        await Task.Delay(random.Next(150, 400));
    }

    Console.WriteLine($"{calls} calls x {boards.Count} boards (ms):");
    Report($"board {label}: inbound-call webhook answered", webhook);
    Report($"board {label}: call shown, after the webhook response", afterResponse, BoardTargetMs);
    Report($"board {label}: call shown, after the webhook was sent", afterSend);
}

async Task<IPage> SignedInPageAsync()
{
    var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
    context.SetDefaultTimeout(TimeoutMs);
    var page = await context.NewPageAsync();
    await page.GotoAsync("/account/sign-in");
    await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
    await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
    return page;
}

async Task<string> PostSignedAsync(HttpClient http, string path, Dictionary<string, string> form)
{
    // X-Twilio-Signature: HMAC-SHA1 over the URL and every field, sorted by name (twilio-facts.md §1.1).
    var data = baseUrl + path + string.Concat(form.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + kv.Value));
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
#pragma warning disable CA5350 // Twilio's algorithm, not our choice
    var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data));
#pragma warning restore CA5350
    request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(signature));
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? body : throw new BenchFailure($"POST {path}: {(int)response.StatusCode} {body}");
}

static Dictionary<string, string> Call(string sid, string status) => new()
{
    ["AccountSid"] = "AC00000000000000000000000000000000", // fake account
    ["ApiVersion"] = "2010-04-01",
    ["CallSid"] = sid,
    ["CallStatus"] = status,
    ["Called"] = "+18585550100",
    ["Caller"] = "+16195550188",
    ["Direction"] = "inbound",
    ["From"] = "+16195550188",
    ["To"] = "+18585550100",
};

static double EpochMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

// p50, p95, max; with a target, whether the p95 is under it (the figure is printed either way, never asserted).
static void Report(string name, List<double> times, int? targetMs = null)
{
    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    var verdict = targetMs is { } target ? $"  target p95 < {target} ms: {(At(0.95) < target ? "met" : "NOT met")}" : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name,-56} p50 {At(0.5),6:F1}  p95 {At(0.95),6:F1}  max {times[^1],6:F1}  n={times.Count}{verdict}"));
}

sealed class BenchFailure(string message) : Exception(message);
