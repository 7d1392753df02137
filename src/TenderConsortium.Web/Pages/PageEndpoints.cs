using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Web.Pages.Adviser;
using TenderConsortium.Web.Pages.Lead;
using TenderConsortium.Web.Pages.Member;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages;

/// <summary>
/// The server-rendered web app: lead pages (/lead…), a member's link (/d/{token}) and adviser pages (/adviser…), with
/// their static CSS/JS from wwwroot. Every form carries an antiforgery token and is answered with a redirect (or the
/// form again with an error summary).
/// </summary>
public static class PageEndpoints
{
    /// <summary>Services the pages need; safe beside access control's own registrations.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddAntiforgery();
        // Pages are Razor components rendered on the server (RazorComponentResult); none is interactive.
        services.AddRazorComponents();
        services.AddPagePolicies();
        services.AddSingleton<PdfPreviews>();
        return services;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapSignInPage();
        app.MapLeadPages();
        app.MapMemberPages();
        app.MapAdviserPages();
        Delivery.MemberDeliveryPage.MapDeliveryPages(app);
        Delivery.LeadDeliveryPages.MapLeadDeliveryPages(app);
        return app;
    }

    /// <summary>The posted form after checking its antiforgery token; null (answer with <see cref="Expired"/>) when the token is missing or stale.</summary>
    public static async Task<FormState?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return null;
        try
        {
            if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)) return null;
            return FormState.From(await http.Request.ReadFormAsync(http.RequestAborted));
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException)
        {
            // A body the form reader cannot read (a NUL, broken encoding): answered like any other form that cannot be taken.
            return null;
        }
    }

    public static IResult Expired(HttpContext http, PageArea area) =>
        Layout.Message(http, area, "The form could not be sent",
            "The page was open too long or was sent from elsewhere. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);

    /// <summary>Who did it, for the journal: the signed-in person's name or email.</summary>
    public static string Actor(HttpContext http, string role) =>
        $"{role}:{http.User.Identity?.Name ?? http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "unknown"}";

    /// <summary>Back to a page after a successful post, with the key of a message for its banner (pages show only their own known messages).</summary>
    public static IResult Done(string path, string message)
    {
        var hash = path.IndexOf('#');
        var (target, fragment) = hash < 0 ? (path, "") : (path[..hash], path[hash..]);
        return Results.Redirect($"{target}{(target.Contains('?') ? '&' : '?')}done={Uri.EscapeDataString(message)}{fragment}");
    }

    /// <summary>The banner message a redirect carried; only short plain text is shown, and it is encoded.</summary>
    public static string? DoneMessage(HttpContext http) =>
        http.Request.Query["done"].ToString() is { Length: > 0 and <= 300 } m ? m : null;
}
