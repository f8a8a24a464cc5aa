using Microsoft.Extensions.Options;
using QdnConsole.Data;

namespace QdnConsole.Features.Lines;

public static class LinesRegistration
{
    public static WebApplicationBuilder AddLines(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QdnOptions>().BindConfiguration(QdnOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QdnOptions>, QdnOptionsValidator>();
        builder.Services.AddSingleton<LineDirectory>();
        builder.Services.AddSingleton<LineStore>();
        builder.Services.AddSingleton<LineVersion>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, LineChangeInterceptor>();
        builder.Services.AddSingleton<IDatabaseSeeder, LineSeeder>();
        return builder;
    }
}
