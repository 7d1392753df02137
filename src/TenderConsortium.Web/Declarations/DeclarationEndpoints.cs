using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Allocations.Consent;
using TenderConsortium.Application.Allocations.Withdraw;
using TenderConsortium.Application.Declarations.Record;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Declarations;

/// <summary>
/// A member's own door, opened by its link's token alone: see the opportunity and its answer, declare (or decline),
/// accept or decline its share. A token that opens nothing gets the same 403 whatever the reason, and a client that
/// keeps trying bad tokens is made to wait (429 with Retry-After).
/// </summary>
public static class DeclarationEndpoints
{
    public static IEndpointRouteBuilder MapDeclarations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invitations/{token}", (string token, HttpContext http, DeclarationService declarations, IAllocationStore allocations, TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return Results.Json(MemberViewJson.From(view, await allocations.CurrentAsync(view.Invitation.OpportunityId, http.RequestAborted)), DomainJson.Options);
            }))
            .AllowAnonymous().WithTags("Member links").WithSummary("What a member's link shows: the opportunity, the lots, its latest answer and its share");

        app.MapPut("/api/invitations/{token}/declaration", (string token, HttpContext http, RecordDeclarationHandler record, TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var body = await ApiBody.ReadTextAsync(http);
                var saved = await record.HandleAsync(RecordDeclaration.FromLink(token, body), http.RequestAborted);
                return Results.Json(saved, DomainJson.Options);
            }))
            .AllowAnonymous().WithBodyLimit(RequestLimits.JsonBytes).WithTags("Member links").WithSummary("A member declares capacity per lot, or declines");

        app.MapPost("/api/invitations/{token}/consent", (string token, HttpContext http, RecordConsentHandler consent, DeclarationService declarations,
                TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var (accept, reason) = await ReadConsentAsync(http);
                var after = await consent.HandleAsync(RecordConsent.FromLink(token, accept, reason), http.RequestAborted);
                return Results.Json(MemberViewJson.From(await declarations.ViewAsync(token, http.RequestAborted), after), DomainJson.Options);
            }))
            .AllowAnonymous().WithBodyLimit(RequestLimits.JsonBytes).WithTags("Member links").WithSummary("A member accepts or declines its allocated share");

        app.MapPost("/api/invitations/{token}/withdrawal", (string token, HttpContext http, RecordWithdrawalHandler withdraw, DeclarationService declarations,
                TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, "{\"reason\": \"why the member withdraws\"}");
                var after = await withdraw.HandleAsync(RecordWithdrawal.FromLink(token, ApiBody.String(body, "reason", required: true)), http.RequestAborted);
                return Results.Json(MemberViewJson.From(await declarations.ViewAsync(token, http.RequestAborted), after), DomainJson.Options);
            }))
            .AllowAnonymous().WithBodyLimit(RequestLimits.JsonBytes).WithTags("Member links")
            .WithSummary("A member that accepted its share withdraws from the bid, with a reason (allocation is re-run without it)");

        // The member's page at /d/{token} (and its form posts) is Pages/Member/MemberPages.cs, with the same throttle and 403.
        return app;
    }

    /// <summary>Runs a token request: throttled clients wait, refused tokens count against the client, bad input is a 400.</summary>
    private static async Task<IResult> WithTokenAsync(HttpContext http, TokenThrottle throttle, Func<Task<IResult>> work, bool html = false)
    {
        var client = Security.ClientKey.Of(http);
        if (throttle.WaitFor(client) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: "Too many attempts", detail: $"Too many links that do not work were tried from here. Try again in {Wording.Count((int)Math.Ceiling(wait.TotalMinutes), "minute")}.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        try
        {
            return await work();
        }
        catch (InvitationRefusedException ex)
        {
            throttle.Failed(client);
            return html
                ? Results.Content(Html("Link not valid", $"<p>{WebUtility.HtmlEncode(ex.Message)}</p>"), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden)
                : Results.Problem(title: "Forbidden", detail: ex.Message, statusCode: StatusCodes.Status403Forbidden);
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

    private static async Task<(bool Accept, string? Reason)> ReadConsentAsync(HttpContext http)
    {
        var body = await ApiBody.ReadObjectAsync(http, """{"decision": "accept"} or {"decision": "decline", "reason": "…"}""");
        var accept = ApiBody.String(body, "decision", required: false) switch
        {
            "accept" => true,
            "decline" => false,
            _ => throw new BadInputException("decision: expected \"accept\" or \"decline\""),
        };
        return (accept, ApiBody.String(body, "reason", required: false));
    }

    private static string Html(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title></head><body><main>{body}</main></body></html>";
}
