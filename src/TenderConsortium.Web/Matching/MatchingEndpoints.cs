using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Web.Matching;

/// <summary>Partner matching for the web app: the same service and JSON shape as `tender match --json`.</summary>
public static class MatchingEndpoints
{
    public static IEndpointRouteBuilder MapMatching(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/opportunities/{id}/matches", async (string id, IMatchingSource source, CancellationToken ct) =>
            await new MatchingService(source).MatchAsync(id, cancellationToken: ct) is { } result
                ? Results.Json(result, DomainJson.Options)
                : Results.Problem(title: "No such opportunity", detail: $"id: no opportunity '{id}'", statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
