using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// Answers a request with a page component rendered on the server (<see cref="RazorComponentResult{TComponent}"/>),
/// with the headers every page carries: never cached, and no referrer from a member's secret link.
/// </summary>
public sealed class ComponentPage<TComponent>(IReadOnlyDictionary<string, object?> parameters, int status, bool isPrivate) : IResult
    where TComponent : IComponent
{
    public IReadOnlyDictionary<string, object?> Parameters => parameters;

    public int StatusCode => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        if (isPrivate) httpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        var all = parameters;
        if (parameters.TryGetValue("Context", out var value) && value is PageContext context)
            all = new Dictionary<string, object?>(parameters) { ["Context"] = context with { SiteName = await SiteNames.ForAsync(httpContext, context.SiteName) } };
        // Rendered whole before the first byte: a page that fails half-way becomes a 500, never half a page.
        await new RazorComponentResult<TComponent>(all) { StatusCode = status, PreventStreamingRendering = true }.ExecuteAsync(httpContext);
    }
}

/// <summary>Builds <see cref="ComponentPage{TComponent}"/> results.</summary>
public static class ComponentPage
{
    /// <summary>A page of <paramref name="area"/>: the component gets <c>Context</c> plus the given parameters.</summary>
    public static IResult Render<TComponent>(HttpContext http, PageArea area, IReadOnlyDictionary<string, object?>? parameters = null,
        int status = StatusCodes.Status200OK) where TComponent : IComponent
    {
        var all = new Dictionary<string, object?>(parameters ?? new Dictionary<string, object?>()) { ["Context"] = PageContext.From(http, area) };
        return new ComponentPage<TComponent>(all, status, area == PageArea.Member);
    }
}
