using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// What every page component needs from the request, taken once in C# so components stay plain renderers of values:
/// the area (which navigation), the site's name, the current path, whether someone is signed in, and the antiforgery
/// token its forms post back.
/// </summary>
public sealed record PageContext(PageArea Area, string SiteName, string Path, bool SignedIn, string AntiforgeryField, string AntiforgeryToken)
{
    public static PageContext From(HttpContext http, PageArea area)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new PageContext(area, Layout.SiteName(http), http.Request.Path.Value ?? "", http.User.Identity?.IsAuthenticated == true,
            tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    /// <summary>Where the site's name in the header leads: the area's home page.</summary>
    public string Home => Area switch { PageArea.Lead => "/lead", PageArea.Adviser => "/adviser", _ => "#main-content" };

    /// <summary>The menu of the area (members, on a secret link, have none).</summary>
    public IReadOnlyList<(string Href, string Text)> Menu => Area switch
    {
        PageArea.Lead => [("/lead", "Opportunities"), ("/lead/members", "Members"), ("/lead/settings", "Rules and settings"), ("/lead/profile", "Consortium profile")],
        PageArea.Adviser => [("/adviser", "Review queue")],
        _ => [],
    };

    public bool IsCurrent(string href) =>
        Path.Equals(href, StringComparison.OrdinalIgnoreCase)
        || (href is not ("/lead" or "/adviser") && Path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase))
        || (href == "/lead" && Path.StartsWith("/lead/opportunities", StringComparison.OrdinalIgnoreCase));
}
