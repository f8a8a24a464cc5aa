using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Reconciliation;
using QdnConsole.Features.Recordings;

namespace QdnConsole.Features.TwilioApi;

public static class TwilioApiRegistration
{
    /// <summary>
    /// The Twilio account integration: REST clients (runtime with the API key, admin with the account credentials), and
    /// what uses them: recording playback through the console, and reconciliation of calls whose final status was lost.
    /// </summary>
    public static WebApplicationBuilder AddTwilioApi(this WebApplicationBuilder builder)
    {
        builder.AddTwilioClients();
        builder.AddRecordings();
        builder.AddReconciliation();
        return builder;
    }

    /// <summary>The REST clients alone (what the <c>twilio</c> command needs), with their options and credential choice.</summary>
    public static WebApplicationBuilder AddTwilioClients(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TwilioRestOptions>().Configure<IConfiguration>(TwilioRestOptions.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioRestOptions>, TwilioRestOptionsValidator>();
        services.AddSingleton<RuntimeCredentials>();
        AddClient<TwilioRestClient>(services);
        AddClient<TwilioAdminClient>(services);
        return builder;
    }

    /// <summary>"QdnConsole/1.0.0 (.NET 10.0.0; X64)": Twilio's logs show who called, as the SDKs' agents do.</summary>
    public static string UserAgent { get; } =
        $"QdnConsole/{typeof(TwilioApiRegistration).Assembly.GetName().Version?.ToString(3) ?? "0"} (.NET {Environment.Version}; {RuntimeInformation.OSArchitecture})";

    private static void AddClient<TClient>(IServiceCollection services)
        where TClient : class =>
        services.AddHttpClient<TClient>(http =>
            {
                // Each attempt has its own timeout (Twilio:Rest:Timeout); retries must not share one.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // As the SDKs: a redirect is an answer to look at, not to follow with our credentials.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            });
}
