using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>The signed-in lead: the consortium whose data it sees and how the journal names it.</summary>
internal sealed record LeadContext(string ConsortiumId, string Actor)
{
    public static LeadContext Of(HttpContext http)
    {
        var caller = Caller.From(http.User);
        var consortium = caller?.ConsortiumId ?? http.User.FindFirstValue(Caller.ConsortiumClaim) ?? Consortia.Default;
        return new LeadContext(consortium, caller?.Actor ?? PageEndpoints.Actor(http, "lead"));
    }
}
