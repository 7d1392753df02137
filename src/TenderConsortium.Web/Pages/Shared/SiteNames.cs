using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Consortium;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// The name in every page's header: the consortium's, from its profile (the lead body's legal name), once the profile
/// exists; the signed-in person's consortium, or the only one with a profile on a single-consortium node (a member
/// on a link). Before any profile, the configured sender name, else the software's own name.
/// </summary>
public static class SiteNames
{
    public const string Software = "TenderConsortium";

    public static async Task<string> ForAsync(HttpContext http, string configured)
    {
        var services = http.RequestServices;
        var fallback = string.IsNullOrWhiteSpace(configured) || configured == "The consortium" ? Software : configured;
        if (services.GetService<ILeadProfileStore>() is not { } profiles) return fallback;
        var ct = http.RequestAborted;
        if (http.User.FindFirstValue(Caller.ConsortiumClaim) is { } mine)
            return (await profiles.FindAsync(mine, ct))?.LegalName ?? fallback;
        if (services.GetService<ConsortiumStore>() is not { } consortia) return fallback;
        var named = new List<string>();
        foreach (var consortium in await consortia.ListAsync(ct))
            if (await profiles.FindAsync(consortium.Id, ct) is { } profile) named.Add(profile.LegalName);
        return named.Count == 1 ? named[0] : fallback;
    }
}
