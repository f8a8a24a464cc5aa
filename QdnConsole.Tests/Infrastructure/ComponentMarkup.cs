using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's own <see cref="HtmlRenderer"/> and parses it with AngleSharp,
/// so markup tests query the DOM as a browser (and assistive technology) would see it.
/// </summary>
public static class ComponentMarkup
{
    public static async Task<IDocument> RenderAsync<TComponent>(
        IReadOnlyDictionary<string, object?>? parameters = null,
        Action<IServiceCollection>? services = null)
        where TComponent : IComponent
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services?.Invoke(collection);
        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(
                ParameterView.FromDictionary(parameters is null ? [] : new Dictionary<string, object?>(parameters)));
            return output.ToHtmlString();
        });
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content($"<!DOCTYPE html><html><body>{html}</body></html>"));
    }
}
