namespace QdnConsole.Features.LineEditor;

/// <summary>Registration of the LineEditor feature (pages; no endpoints of their own).</summary>
public static class LineEditorRegistration
{
    public static WebApplicationBuilder AddLineEditor(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LineEditService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLineEditorEndpoints(this IEndpointRouteBuilder app) => app;
}
