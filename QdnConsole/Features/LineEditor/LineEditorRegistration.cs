namespace QdnConsole.Features.LineEditor;

/// <summary>Registration and endpoints of the LineEditor feature.</summary>
public static class LineEditorRegistration
{
    public static WebApplicationBuilder AddLineEditor(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLineEditorEndpoints(this IEndpointRouteBuilder app) => app;
}
