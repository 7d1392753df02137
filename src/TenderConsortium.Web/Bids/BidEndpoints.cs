using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Bids;

/// <summary>
/// The bid as an API resource: start it, read where it stands, record the submission and the buyer's decision. Each
/// endpoint is a thin door over the application layer's handler, the same one the pages and the CLI call.
/// </summary>
public static class BidEndpoints
{
    public static IEndpointRouteBuilder MapBids(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opportunities/{id}/bids", (string id, HttpContext http, StartBidHandler start) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"workflow": "lead-partner-bid", "declarationDeadline": "2026-12-20T12:00:00Z", "settings": {"leadEmail": "…"}}""");
                if (body["settings"] is not (null or JsonObject)) throw new ProblemException("settings", ProblemCode.Invalid, "expected an object of the definition's settings");
                var deadline = ApiBody.String(body, "declarationDeadline", required: false) is { } text
                    ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                    : throw new ProblemException("declarationDeadline", ProblemCode.Invalid, "expected a date and time such as 2026-12-20T12:00:00Z")
                    : (DateTimeOffset?)null;
                var started = await start.HandleAsync(new StartBid(id, http.Caller().Actor, ApiBody.String(body, "workflow", required: false), deadline,
                    body["settings"]?.DeepClone().AsObject()), http.RequestAborted);
                return Results.Json(new { bidId = started.BidId, instanceId = started.InstanceId, status = started.Status, workflow = started.Workflow, version = started.WorkflowVersion },
                    statusCode: started.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Bids").WithSummary("Start the bid for the opportunity (lead only); the same request again answers 200 with that bid, any other start 409");

        app.MapGet("/api/opportunities/{id}/bid", (string id, HttpContext http, ShowBidHandler show) =>
            ApiGuard.RunAsync(async () => Results.Json(await show.HandleAsync(new ShowBid(id), http.RequestAborted), DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope()
            .WithTags("Bids").WithSummary("The bid: stage, each step's status, deadlines, counts, documents and the lead's next action");

        app.MapPost("/api/opportunities/{id}/submission", (string id, HttpContext http, RecordSubmissionHandler submit) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"reference": "PCS-123", "acceptedChecks": {"deadline": "why you submit although it failed"}}""");
                await submit.HandleAsync(new RecordSubmission(id, ApiBody.String(body, "reference", required: false), http.Caller().Actor,
                    AcceptedChecks: ApiBody.AcceptedChecks(body)), http.RequestAborted);
                return Results.NoContent();
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Bids").WithSummary("Record that the bid was submitted; all members are told (lead only). Refused (409, one problem per check) while a check of the current pack fails, unless acceptedChecks gives a reason for each");

        app.MapPost("/api/opportunities/{id}/outcome", (string id, HttpContext http, RecordOutcomeHandler outcome) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"awardedLots": ["1", "2"]}""");
                if (body["awardedLots"] is not JsonArray lots) throw new ProblemException("awardedLots", ProblemCode.Invalid, "expected an array of lot ids (empty when nothing was won)");
                await outcome.HandleAsync(new RecordOutcome(id, lots.Select(LotId).ToList(), http.Caller().Actor), http.RequestAborted);
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
