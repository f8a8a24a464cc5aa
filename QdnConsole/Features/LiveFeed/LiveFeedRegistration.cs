namespace QdnConsole.Features.LiveFeed;

public static class LiveFeedRegistration
{
    public static WebApplicationBuilder AddLiveFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsoleFeed>();
        return builder;
    }
}
