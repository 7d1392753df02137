using Microsoft.AspNetCore.Http;

namespace TenderConsortium.Web.Security;

/// <summary>
/// A browser's cookie must not be usable by another site to change anything through the API: an unsafe API request
/// authenticated by the cookie must come from our own origin (Origin or Sec-Fetch-Site says so). SameSite=Lax already
/// keeps the cookie off cross-site POSTs; this also covers sibling subdomains. API keys are not ambient, so scripts are
/// unaffected; the pages' own forms are protected by antiforgery tokens.
/// </summary>
public static class CrossSiteGuard
{
    public static async Task ApplyAsync(HttpContext http, Func<Task> next)
    {
        if (Problems.IsApi(http.Request) && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HttpMethods.IsOptions(http.Request.Method) && !ApiKeyAuthenticationHandler.CarriesKey(http.Request)
            && http.Request.Cookies.ContainsKey(TenderAuth.CookieName) && !SameOrigin(http.Request))
        {
            await Problems.WriteAsync(http, StatusCodes.Status403Forbidden, "Cross-site request refused",
                "A request changing data with the sign-in cookie must come from this site's own pages.");
            return;
        }

        await next();
    }

    private static bool SameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
