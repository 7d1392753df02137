using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Host;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Web.Api;

/// <summary>
/// Workflow instances and their journals. A lead sees the instances of its consortium's bids (correlated by opportunity
/// id, or running its declaration rounds); an adviser sees all; anything else is 404.
/// </summary>
public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/instances", async (HttpContext http, IDbContextFactory<WorkflowDbContext> factory, NodeSettings node, string? status) =>
            {
                Paging paging;
                try
                {
                    paging = Paging.From(http.Request);
                }
                catch (BadInputException ex)
                {
                    return BadInputProblem.From(ex);
                }

                var caller = http.Caller();
                await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
                var query = db.Instances.AsNoTracking();
                if (caller.Scope is { } consortium)
                {
                    var (opportunities, instanceKeys) = await http.RequestServices.GetRequiredService<TenancyQueries>().WorkflowKeysAsync(consortium, http.RequestAborted);
                    var instances = instanceKeys.Select(k => Guid.TryParseExact(k, "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
                    query = query.Where(i => (i.CorrelationId != null && opportunities.Contains(i.CorrelationId)) || instances.Contains(i.Id));
                }

                if (!string.IsNullOrEmpty(status)) query = query.Where(i => i.Status == status);
                var total = await query.CountAsync(http.RequestAborted);
                var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(paging.Skip).Take(paging.PageSize)
                    .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Stage, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.NextDueAt, i.Incident))
                    .ToListAsync(http.RequestAborted);
                var json = new Dictionary<string, object?> { ["instances"] = rows };
                foreach (var (k, v) in paging.Links(http.Request, total)) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            })
            .RequireAuthorization(TenderAuth.LeadOrAdviser)
            .WithTags("Instances").WithSummary("Workflow instances, newest first (paged; ?status=Running|Waiting|Finished|Faulted…)");

        app.MapGet("/api/instances/{id}", async (string id, HttpContext http, WorkflowQueries queries, NodeSettings node) =>
                await VisibleAsync(id, http, queries, node) is { } details
                    ? Results.Json(details, DomainJson.Options)
                    : NotFound(id))
            .RequireAuthorization(TenderAuth.LeadOrAdviser)
            .WithTags("Instances").WithSummary("One instance: status, variables, bookmarks, timers and journal");

        app.MapGet("/api/instances/{id}/journal", async (string id, HttpContext http, WorkflowQueries queries, NodeSettings node) =>
            {
                Paging paging;
                try
                {
                    paging = Paging.From(http.Request);
                }
                catch (BadInputException ex)
                {
                    return BadInputProblem.From(ex);
                }

                if (await VisibleAsync(id, http, queries, node) is not { } details) return NotFound(id);
                var json = new Dictionary<string, object?> { ["instanceId"] = details.Summary.Id, ["journal"] = details.Journal.Skip(paging.Skip).Take(paging.PageSize).ToList() };
                foreach (var (k, v) in paging.Links(http.Request, details.Journal.Count)) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            })
            .RequireAuthorization(TenderAuth.LeadOrAdviser)
            .WithTags("Instances").WithSummary("An instance's journal, oldest first (paged)");
        return app;
    }

    private static async Task<InstanceDetails?> VisibleAsync(string id, HttpContext http, WorkflowQueries queries, NodeSettings node)
    {
        if (id.Length > 64 || !Guid.TryParse(id, out var guid)) return null;
        var details = await queries.GetInstanceAsync(guid, http.RequestAborted);
        if (details is null) return null;
        var caller = http.Caller();
        if (caller.Scope is { } consortium
            && !await http.RequestServices.GetRequiredService<TenancyQueries>().OwnsInstanceAsync(consortium, guid, details.Summary.CorrelationId, http.RequestAborted))
            return null;
        return details;
    }

    private static IResult NotFound(string id) =>
        Results.Problem(title: "No such instance", detail: $"id: no instance '{(id.Length > 80 ? id[..80] + "…" : id)}'", statusCode: StatusCodes.Status404NotFound);
}
