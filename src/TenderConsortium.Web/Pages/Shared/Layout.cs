using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Mail;
using TenderConsortium.Host;

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
    /// <summary>A page whose main column is <paramref name="main"/>, in the shell every page shares (<see cref="PageShell"/>).</summary>
    public static IResult Page(HttpContext http, PageArea area, string title, Html main, int status = StatusCodes.Status200OK, bool hasErrors = false) =>
        ComponentPage.Render<MarkupPage>(http, area, new Dictionary<string, object?> { ["Title"] = title, ["HasErrors"] = hasErrors, ["Main"] = main.Value }, status);

    public static string SiteName(HttpContext http)
    {
        var mail = http.RequestServices.GetService<MailOptions>();
        return mail is null ? "The consortium" : NodeComposition.SiteName(mail);
    }

    /// <summary>A plain page with a heading and a message (not found, not available).</summary>
    public static IResult Message(HttpContext http, PageArea area, string title, string message, int status) =>
        ComponentPage.Render<MessagePage>(http, area, new Dictionary<string, object?> { ["Title"] = title, ["Message"] = message }, status);
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
