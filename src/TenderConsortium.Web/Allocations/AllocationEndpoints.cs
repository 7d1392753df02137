using TenderConsortium.Application.Declarations.Record;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using TenderConsortium.Application.Allocation.Approve;
using TenderConsortium.Application.Declarations.Close;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Allocation.Rerun;
using TenderConsortium.Application.Declarations.Extend;
using TenderConsortium.Application.Shortlist.Confirm;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Allocations;

/// <summary>
/// The lead's side of declarations and allocation: invitations and answers, the allocation (same JSON as
/// <c>tender allocate --json</c>), approval, overrides with reasons, re-runs, declarations entered for a member, withdrawals.
/// Leads and advisers read; only a lead changes anything; a lead sees only its own consortium's opportunities (404 otherwise).
/// </summary>
public static class AllocationEndpoints
{
    public static IEndpointRouteBuilder MapAllocations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/opportunities/{id}/invitations", (string id, HttpContext http, IMatchingSource source, IInvitationStore invitations, IDeclarationStore declarations, CancellationToken ct) =>
            Guard(async () =>
            {
                var paging = Paging.From(http.Request);
                var found = await source.FindOpportunityAsync(id, ct) ?? throw new NotFound(id);
                var round = await invitations.RoundAsync(found.Id, ct);
                var latest = (await declarations.LatestAsync(found.Id, ct)).ToDictionary(d => d.MemberId);
                var list = await invitations.ListAsync(found.Id, ct);
                var json = new Dictionary<string, object?>
                {
                    ["opportunityId"] = found.Id,
                    ["deadline"] = round?.Deadline,
                    ["closesAt"] = round?.ClosesAt,
                    ["closedAt"] = round?.ClosedAt,
                    ["invitations"] = list.Skip(paging.Skip).Take(paging.PageSize).Select(i => new
                    {
                        memberId = i.MemberId,
                        name = i.MemberName,
                        expiresAt = i.ExpiresAt,
                        revoked = i.RevokedAt is not null,
                        answer = latest.TryGetValue(i.MemberId, out var d) ? d.Declined ? "declined" : "declared" : "none",
                        revision = latest.TryGetValue(i.MemberId, out var r) ? r.Revision : 0,
                    }).ToList(),
                };
                foreach (var (k, v) in paging.Links(http.Request, list.Count)) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Invitations").WithSummary("The members invited to declare, with their answers so far (paged)");

        app.MapGet("/api/opportunities/{id}/allocation", (string id, AllocationService service, Application.Delivery.Capacity.ShowCapacityHandler capacity, HttpContext http,
                CancellationToken ct) =>
            Guard(async () =>
            {
                var json = await AllocationView(service, id, ct);
                // Before approving: who would deliver more than it declared across bids if every pending bid were won.
                json["overCommitted"] = Application.Delivery.Capacity.CapacityJson.OverCommitted(await capacity.HandleAsync(
                    new Application.Delivery.Capacity.ShowCapacity(OverCommittedOnly: true, ConsortiumId: http.Caller().ConsortiumId, Opportunity: id), ct));
                return Results.Json(json, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Allocation").WithSummary("The current allocation (or a preview) with shares, explanations and consents");

        app.MapPost("/api/opportunities/{id}/allocation/approve", (string id, AllocationService service, ApproveAllocationHandler approve, HttpContext http) =>
            Guard(async () =>
            {
                await approve.HandleAsync(new ApproveAllocation(id, Actor(http), await ConfirmField.ReadAsync(http)), http.RequestAborted);
                return Results.Json(await AllocationView(service, id, http.RequestAborted), DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Allocation").WithSummary("Approve the allocation (lead only); shares that leave work uncovered need {\"confirm\": true}, else 400 naming the gap");

        app.MapPost("/api/opportunities/{id}/declarations/close", (string id, CloseDeclarationsHandler close, HttpContext http) =>
            Guard(async () =>
            {
                await close.HandleAsync(new CloseDeclarations(id, Actor(http), await ConfirmField.ReadAsync(http)), http.RequestAborted);
                return Results.NoContent();
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Invitations").WithSummary("Close the members' declarations now (lead only); with members still to answer it needs {\"confirm\": true}, else 400 naming how many");

        app.MapPost("/api/opportunities/{id}/declarations/extend", (string id, ExtendDeclarationsHandler extend, HttpContext http) =>
            Guard(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"until": "2026-12-18T17:00:00Z"}""");
                var text = ApiBody.String(body, "until", required: true)!;
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
                    throw new ProblemException("until", ProblemCode.Invalid, "Enter the new deadline as a date and time, for example 2026-12-18T17:00:00Z");
                var round = await extend.HandleAsync(new ExtendDeclarations(id, until, Actor(http)), http.RequestAborted);
                return Results.Json(new { opportunityId = round.OpportunityId, closesAt = round.ClosesAt }, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Invitations").WithSummary("Move the members' declaration deadline later (lead only); members' links stay valid until then");

        app.MapPost("/api/opportunities/{id}/shortlist", (string id, ConfirmShortlistHandler shortlist, HttpContext http) =>
            Guard(async () =>
            {
                await shortlist.HandleAsync(new ConfirmShortlist(id, Actor(http)), http.RequestAborted);
                return Results.NoContent();
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Invitations").WithSummary("Confirm the matched members so invitations go out (lead only; when the bid's workflow asks for it), else 409");

        app.MapPost("/api/opportunities/{id}/allocation/rerun", (string id, AllocationService service, RerunAllocationHandler rerun, HttpContext http) =>
            Guard(async () =>
            {
                await rerun.HandleAsync(new RerunAllocation(id, Actor(http)), http.RequestAborted);
                return Results.Json(await AllocationView(service, id, http.RequestAborted), DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Allocation").WithSummary("Run the allocation again on the latest declarations (lead only)");

        app.MapPost("/api/opportunities/{id}/allocation/overrides", (string id, AllocationService service, OverrideAllocationHandler overrides, HttpContext http) =>
            Guard(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"overrides": [{"memberId": "…", "lotId": "1", "volume": 10, "reason": "…"}]}""");
                var pins = AwaitLeadApprovalActivity.ReadOverrides(body["overrides"] as JsonArray);
                await overrides.HandleAsync(new OverrideAllocation(id, pins, Actor(http)), http.RequestAborted);
                return Results.Json(await AllocationView(service, id, http.RequestAborted), DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Allocation").WithSummary("Override shares with reasons (lead only)");

        app.MapPost("/api/opportunities/{id}/withdrawals", (string id, AllocationService service, HttpContext http) =>
            Guard(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"memberId": "…", "reason": "…"}""");
                var member = ApiBody.String(body, "memberId", required: true)!;
                var reason = ApiBody.String(body, "reason", required: false) ?? "";
                await service.WithdrawAsync(id, member, reason, Actor(http), http.RequestAborted);
                return Results.Json(await AllocationView(service, id, http.RequestAborted), DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Allocation").WithSummary("Record a member's withdrawal; its share is reallocated (lead only)");

        app.MapPut("/api/opportunities/{id}/declarations/{memberId}", (string id, string memberId, RecordDeclarationHandler record, HttpContext http) =>
            Guard(async () => Results.Json(await record.HandleAsync(
                RecordDeclaration.ForMember(id, memberId, await ApiBody.ReadTextAsync(http), Actor(http)), http.RequestAborted), DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Allocation").WithSummary("Enter or correct a declaration on a member's behalf (lead only)");
        return app;
    }

    private static async Task<JsonObject> AllocationView(AllocationService service, string id, CancellationToken ct)
    {
        var (_, _, current) = await service.CurrentAsync(id, ct);
        var json = AllocationJson.From(current?.Result ?? await service.PreviewAsync(id, ct), current?.Round, current?.Status);
        if (current is null) json["preview"] = true;
        else json["consents"] = new JsonArray(current.Consents.Select(c => (JsonNode)new JsonObject
        {
            ["memberId"] = c.MemberId, ["status"] = c.Status.ToString().ToLowerInvariant(), ["reason"] = c.Reason,
        }).ToArray());
        return json;
    }

    /// <summary>The signed-in lead, as the allocation record and the journal name it.</summary>
    private static string Actor(HttpContext http) => http.Caller().Actor;

    private static async Task<IResult> Guard(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (NotFound ex)
        {
            return Results.Problem(title: "No such opportunity", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (DeclarationClosedException ex)
        {
            return Results.Problem(title: "Declarations are closed", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (ProblemException ex) when (ex.Code != ProblemCode.Invalid)
        {
            return BadInputProblem.From(ex, ex.Code == ProblemCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        catch (BadInputException ex)
        {
            return BadInputProblem.From(ex);
        }
    }

    private sealed class NotFound(string id) : Exception($"id: no opportunity '{id}'");
}
