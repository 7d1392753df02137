using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Consortium.SaveProfile;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>The consortium profile's page (<see cref="ProfilePage"/>): check answers once complete, the form otherwise.</summary>
internal static class ProfileEndpoints
{
    public const string Path = "/lead/profile";

    public static void Map(RouteGroupBuilder lead)
    {
        lead.MapGet("/profile", (HttpContext http, ShowProfileHandler show) => RenderAsync(http, show, new FormState(), editing: false));
        lead.MapGet("/profile/change", (HttpContext http, ShowProfileHandler show) => RenderAsync(http, show, new FormState(), editing: true));
        lead.MapPost("/profile", SaveAsync).DisableAntiforgery();
    }

    /// <summary>Where the profile form leads when a bid's start asked for it first.</summary>
    public static string AskedBy(string opportunityPath) => $"{Path}?next={Uri.EscapeDataString(opportunityPath)}";

    private static async Task<IResult> SaveAsync(HttpContext http, ShowProfileHandler show, SaveProfileHandler save)
    {
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var who = LeadContext.Of(http);
        try
        {
            await save.HandleAsync(new SaveProfile(who.ConsortiumId, who.Actor, form.Value("legalName"), form.Value("registrationNumber"), form.Value("signatoryName"),
                form.Value("signatoryRole"), form.Value("contactEmail"), form.Value("contactPhone"), form.Value("address"), form.Value("adviserEmail")), http.RequestAborted);
            return SafeNext(form.Value("next")) is { } next ? PageEndpoints.Done(next, "profile") : PageEndpoints.Done(Path, "saved");
        }
        catch (ProblemException ex)
        {
            foreach (var p in ex.Items) form.Error(p.Path, p.Message);
            return await RenderAsync(http, show, form, editing: true, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> RenderAsync(HttpContext http, ShowProfileHandler show, FormState form, bool editing, int status = StatusCodes.Status200OK)
    {
        var view = await show.HandleAsync(new ShowProfile(LeadContext.Of(http).ConsortiumId), http.RequestAborted);
        var next = SafeNext(form.Has("next") ? form.Value("next") : http.Request.Query["next"].ToString());
        return ComponentPage.Render<ProfilePage>(http, PageArea.Lead, new Dictionary<string, object?>
        {
            ["View"] = view,
            ["Form"] = form,
            ["Editing"] = editing || next is not null,
            ["Done"] = PageEndpoints.DoneMessage(http) is "saved" ? "The consortium profile was saved." : null,
            ["Next"] = next,
        }, status);
    }

    /// <summary>Only a lead page of this site: never an address elsewhere (an open redirect).</summary>
    private static string? SafeNext(string? next) =>
        next is { Length: > 6 and < 300 } n && n.StartsWith("/lead/", StringComparison.Ordinal) && !n.StartsWith("//", StringComparison.Ordinal) && !n.Contains('\\')
            && Uri.IsWellFormedUriString(n, UriKind.Relative) ? n : null;
}
