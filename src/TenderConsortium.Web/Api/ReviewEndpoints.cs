using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Reviews.Comment;
using TenderConsortium.Application.Reviews.Decide;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Api;

/// <summary>
/// Adviser review: the queue across consortia (advisers), an opportunity's current review (its lead and advisers),
/// comments per section and the decision (advisers only).
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reviews", (HttpContext http, ReviewService reviews) => ApiGuard.RunAsync(async () =>
            {
                var paging = Paging.From(http.Request);
                var queue = await reviews.QueueAsync(http.RequestAborted);
                var json = new Dictionary<string, object?>
                {
                    ["reviews"] = queue.Skip(paging.Skip).Take(paging.PageSize).Select(q => new
                    {
                        opportunityId = q.Review.OpportunityId,
                        title = q.OpportunityTitle,
                        buyer = q.BuyerName,
                        tenderDeadline = q.TenderDeadline,
                        round = q.Review.Round,
                        bidPackVersion = q.Review.BidPackVersion,
                        requestedAt = q.Review.RequestedAt,
                        dueAt = q.Review.DueAt,
                        comments = q.Review.Comments.Count,
                    }).ToList(),
                };
                foreach (var (k, v) in paging.Links(http.Request, queue.Count)) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Adviser)
            .WithTags("Reviews").WithSummary("The advisers' queue: pending reviews across consortia, oldest first (paged)");

        app.MapGet("/api/opportunities/{id}/review", (string id, HttpContext http, ReviewService reviews) => ApiGuard.RunAsync(async () =>
                await reviews.CurrentAsync(id, http.RequestAborted) is { } review
                    ? Results.Json(review, DomainJson.Options)
                    : Results.Problem(title: "No review", detail: "this opportunity's bid pack has not been sent for review", statusCode: StatusCodes.Status404NotFound)))
            .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
            .WithTags("Reviews").WithSummary("The current review round of the opportunity's bid pack, with comments and decision");

        app.MapPost("/api/opportunities/{id}/review/comments", (string id, HttpContext http, CommentOnReviewHandler comment) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, "{\"section\": \"Social value\", \"text\": \"…\"}");
                var review = await comment.HandleAsync(new CommentOnReview(id, http.Caller().Email, ApiBody.String(body, "section", false) ?? "",
                    ApiBody.String(body, "text", false) ?? ""), http.RequestAborted);
                return Results.Json(review, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Adviser).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Reviews").WithSummary("Add an adviser's comment on a section of the bid pack");

        app.MapPost("/api/opportunities/{id}/review/decision", (string id, HttpContext http, DecideReviewHandler decide) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, "{\"decision\": \"approve\", \"acceptedChecks\": {\"deadline\": \"why\"}} or {\"decision\": \"changes\", \"summary\": \"…\"}");
                var decision = ApiBody.String(body, "decision", true) switch
                {
                    "approve" => ReviewDecision.Approved,
                    "changes" => ReviewDecision.ChangesRequested,
                    _ => throw new ProblemException("decision", ProblemCode.Invalid, "expected \"approve\" or \"changes\""),
                };
                var review = await decide.HandleAsync(new DecideReview(id, http.Caller().Email, decision, ApiBody.String(body, "summary", false), ApiBody.AcceptedChecks(body)),
                    http.RequestAborted);
                return Results.Json(review, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Adviser).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Reviews").WithSummary("Approve the bid pack or request changes (resumes the bid's workflow); approving while a check failed needs acceptedChecks with a reason for each (409 otherwise, one problem per check)");
        return app;
    }
}
