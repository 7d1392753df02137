using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Mail;
using TenderConsortium.Web.Composition;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>Which part of the app a page belongs to: it decides the navigation shown.</summary>
public enum PageArea
{
    Member,
    Lead,
    Adviser,
}

/// <summary>
/// The page shell: skip link, the consortium's name (no crown, no GOV.UK logo or font), navigation for the area,
/// the main column, and the static CSS/JS (the CSP allows no inline script or style).
/// </summary>
public static class Layout
{
    public static IResult Page(HttpContext http, PageArea area, string title, Html main, int status = StatusCodes.Status200OK, bool hasErrors = false)
    {
        var site = SiteName(http);
        var nav = area switch
        {
            PageArea.Lead => Nav(http, ("/lead", "Opportunities"), ("/lead/members", "Members"), ("/lead/settings", "Rules and settings")),
            PageArea.Adviser => Nav(http, ("/adviser", "Review queue")),
            _ => Html.Empty,
        };
        var signOut = area != PageArea.Member && http.User.Identity?.IsAuthenticated == true
            ? H.Html($"""<form method="post" action="/sign-out" class="app-header__sign-out">{Forms.Antiforgery(http)}<button type="submit" class="app-link-button">Sign out</button></form>{SignOutEverywhere(http)}""")
            : Html.Empty;
        var page = H.Html($"""
            <!DOCTYPE html>
            <html lang="en-GB" class="govuk-template">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <title>{(hasErrors ? "Error: " : "")}{title} – {site}</title>
            <link rel="stylesheet" href="/vendor/govuk-frontend/govuk-frontend.min.css">
            <link rel="stylesheet" href="/css/app.css">
            <script type="module" src="/js/app.js"></script>
            </head>
            <body class="govuk-template__body">
            <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
            <header class="app-header" role="banner">
            <div class="govuk-width-container app-header__inner">
            <a class="app-header__name" href="{(area switch { PageArea.Lead => "/lead", PageArea.Adviser => "/adviser", _ => "#main-content" })}">{site}</a>
            {nav}
            {signOut}
            </div>
            </header>
            <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" role="main">
            {main}
            </main>
            </div>
            <footer class="app-footer" role="contentinfo">
            <div class="govuk-width-container"><p class="govuk-body-s">{site} · TenderConsortium</p></div>
            </footer>
            </body>
            </html>
            """);
        return new HtmlPageResult(page.Value, status, area == PageArea.Member);
    }

    /// <summary>A lost laptop or a shared computer: ends every session of this account, this browser's too.</summary>
    private static Html SignOutEverywhere(HttpContext http) =>
        H.Html($"""<form method="post" action="/sign-out/everywhere" class="app-header__sign-out">{Forms.Antiforgery(http)}<button type="submit" class="app-link-button">Sign out everywhere</button></form>""");

    private static Html Nav(HttpContext http, params (string Href, string Text)[] links)
    {
        var path = http.Request.Path.Value ?? "";
        return H.Html($"""<nav class="app-header__nav" aria-label="Menu"><ul class="app-header__list">{H.Each(links, l =>
            H.Html($"""<li class="app-header__item"><a class="app-header__link" href="{l.Href}"{H.Attr("aria-current", Current(path, l.Href) ? "page" : null)}>{l.Text}</a></li>"""))}</ul></nav>""");
    }

    private static bool Current(string path, string href) =>
        path.Equals(href, StringComparison.OrdinalIgnoreCase)
        || (href is not ("/lead" or "/adviser") && path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase))
        || (href == "/lead" && path.StartsWith("/lead/opportunities", StringComparison.OrdinalIgnoreCase));

    public static string SiteName(HttpContext http)
    {
        var mail = http.RequestServices.GetService<MailOptions>();
        return mail is null ? "The consortium" : NodeComposition.SiteName(mail);
    }

    /// <summary>A plain page with a heading and a message (not found, not available).</summary>
    public static IResult Message(HttpContext http, PageArea area, string title, string message, int status) =>
        Page(http, area, title, H.Html($"""<h1 class="govuk-heading-l">{title}</h1><p class="govuk-body">{message}</p>"""), status);
}

/// <summary>Writes a page as UTF-8 HTML. Member pages (opened by a secret link) are never cached and send no referrer.</summary>
public sealed class HtmlPageResult(string html, int status, bool isPrivate) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (isPrivate) response.Headers["Referrer-Policy"] = "no-referrer";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
