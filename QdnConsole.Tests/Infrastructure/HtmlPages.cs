using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>Pages as served (prerendered HTML), parsed so tests query the DOM a browser would build.</summary>
public static class HtmlPages
{
    public static async Task<IDocument> GetPageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
