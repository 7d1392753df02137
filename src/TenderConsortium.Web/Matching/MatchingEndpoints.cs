using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Persistence;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Persistence.Matching;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Host;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Matching;

/// <summary>
/// Partner matching for the web app: the same service and JSON shape as `tender match --json`, against the members of
/// the opportunity's own consortium only.
/// </summary>
public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/opportunities/{id}/matches", async (string id, OpportunityQueries opportunities, TenderContexts contexts, CancellationToken ct) =>
            {
                var consortium = await opportunities.ConsortiumOfAsync(id, ct);
                return consortium is not null && await new MatchingService(new MatchingSource(contexts, consortium)).MatchAsync(id, cancellationToken: ct) is { } result
                    ? Results.Json(result, DomainJson.Options)
                    : OpportunityScope.NotFound(id);
            })
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Matching").WithSummary("Per lot: ranked members of the consortium with reasons, exclusions with reasons, coverage gaps");
        return app;
    }
}
