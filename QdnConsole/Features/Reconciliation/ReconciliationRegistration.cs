using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Reconciliation;

public static class ReconciliationRegistration
{
    public static WebApplicationBuilder AddReconciliation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReconciliationOptions>, ReconciliationOptionsValidator>();
        builder.Services.AddSingleton<CallReconciler>();
        builder.Services.AddHostedService<ReconciliationService>();
        return builder;
    }
}
