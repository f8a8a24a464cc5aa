namespace QdnConsole.Features.Voice;

public static class VoiceRegistration
{
    public static WebApplicationBuilder AddVoice(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallReader>();
        builder.Services.AddSingleton<CallWriter>();
        builder.Services.AddSingleton<CallJournal>();
        builder.Services.AddSingleton<CallRouter>();
        return builder;
    }
}
