using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Submission;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;
using TenderConsortium.Workflows;

namespace TenderConsortium.Web.Bids;

/// <summary>
/// The lead's steps of a bid that have no page of their own yet, for scripts and tests: start the bid workflow for an
/// opportunity, record the submission and the buyer's decision, and send the bid back after the adviser's changes.
/// </summary>
public static class BidEndpoints
{
    public const string DefaultWorkflow = "lead-partner-bid";

    public static IEndpointRouteBuilder MapBids(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opportunities/{id}/bids", (string id, HttpContext http, WorkflowRuntime runtime) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"workflow": "lead-partner-bid", "settings": {"leadEmail": "…"}}""");
                var workflow = ApiBody.String(body, "workflow", required: false) ?? DefaultWorkflow;
                if (body["settings"] is not (null or JsonObject)) throw new BadInputException("settings: expected an object of the definition's settings");
                var started = await runtime.StartAsync(workflow, new JsonObject { ["opportunityId"] = id },
                    body["settings"]?.DeepClone().AsObject(), correlationId: id, actor: http.Caller().Actor, ct: http.RequestAborted);
                return Results.Json(new { instanceId = started.InstanceId, status = started.Status, version = started.DefinitionVersion }, statusCode: StatusCodes.Status201Created);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Bids").WithSummary("Start a bid workflow for the opportunity (lead only)");

        app.MapPost("/api/opportunities/{id}/submission", (string id, HttpContext http, SubmissionService submissions) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"reference": "PCS-123"}""");
                await submissions.RecordSubmissionAsync(id, ApiBody.String(body, "reference", required: false), http.Caller().Actor, http.RequestAborted);
                return Results.NoContent();
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Bids").WithSummary("Record that the bid was submitted; all members are told (lead only)");

        app.MapPost("/api/opportunities/{id}/outcome", (string id, HttpContext http, SubmissionService submissions) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"awardedLots": ["1", "2"]}""");
                if (body["awardedLots"] is not JsonArray lots) throw new BadInputException("awardedLots: expected an array of lot ids (empty when nothing was won)");
                var awarded = lots.Select(LotId).ToList();
                await submissions.RecordOutcomeAsync(id, awarded, http.Caller().Actor, http.RequestAborted);
                return Results.NoContent();
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Bids").WithSummary("Record the buyer's decision per lot; sub-contracts follow for won lots (lead only)");
        return app;
    }

    private static string LotId(JsonNode? node, int index)
    {
        if (node?.GetValueKind() != JsonValueKind.String) throw new BadInputException($"awardedLots[{index}]: expected a lot id as text, e.g. \"1\"");
        try
        {
            return node.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not text.
            throw new BadInputException($"awardedLots[{index}]: invalid text encoding (half of a surrogate pair is not a character)");
        }
    }
}
