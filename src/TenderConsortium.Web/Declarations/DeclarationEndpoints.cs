using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Web.Intake;

namespace TenderConsortium.Web.Declarations;

/// <summary>
/// A member's own door, opened by its link's token alone: see the opportunity and its answer, declare (or decline),
/// accept or decline its share. A token that opens nothing gets the same 403 whatever the reason, and a client that
/// keeps trying bad tokens is made to wait (429 with Retry-After).
/// </summary>
public static class DeclarationEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapDeclarations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invitations/{token}", (string token, HttpContext http, DeclarationService declarations, IAllocationStore allocations, TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return Results.Json(MemberViewJson.From(view, await allocations.CurrentAsync(view.Invitation.OpportunityId, http.RequestAborted)), DomainJson.Options);
            }));

        app.MapPut("/api/invitations/{token}/declaration", (string token, HttpContext http, DeclarationService declarations, TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var body = await ReadBodyAsync(http);
                var saved = await declarations.SubmitWithTokenAsync(token, body, http.RequestAborted);
                return Results.Json(saved, DomainJson.Options);
            }));

        app.MapPost("/api/invitations/{token}/consent", (string token, HttpContext http, AllocationService allocation, DeclarationService declarations,
                TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () =>
            {
                var (accept, reason) = ReadConsent(await ReadBodyAsync(http));
                var after = await allocation.ConsentWithTokenAsync(token, accept, reason, http.RequestAborted);
                return Results.Json(MemberViewJson.From(await declarations.ViewAsync(token, http.RequestAborted), after), DomainJson.Options);
            }));

        app.MapGet("/d/{token}", (string token, HttpContext http, DeclarationService declarations, TokenThrottle throttle) =>
            WithTokenAsync(http, throttle, async () => Page(await declarations.ViewAsync(token, http.RequestAborted)), html: true));
        return app;
    }

    /// <summary>Runs a token request: throttled clients wait, refused tokens count against the client, bad input is a 400.</summary>
    private static async Task<IResult> WithTokenAsync(HttpContext http, TokenThrottle throttle, Func<Task<IResult>> work, bool html = false)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.WaitFor(client) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: "Too many attempts", detail: $"Too many links that do not work were tried from here. Try again in {Math.Ceiling(wait.TotalMinutes)} minute(s).",
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
        catch (BadInputException ex)
        {
            return BadInputProblem.From(ex);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            throw new BadInputException($"body: expected at most {MaxBodyBytes / 1024} KB of JSON");
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        if (read > MaxBodyBytes) throw new BadInputException($"body: expected at most {MaxBodyBytes / 1024} KB of JSON");
        return new string(buffer, 0, read);
    }

    private static (bool Accept, string? Reason) ReadConsent(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var decision = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var reason = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return decision switch
            {
                "accept" => (true, reason),
                "decline" => (false, reason),
                _ => throw new BadInputException("decision: expected \"accept\" or \"decline\""),
            };
        }
        catch (JsonException)
        {
            throw new BadInputException("body: expected JSON like {\"decision\": \"accept\"} or {\"decision\": \"decline\", \"reason\": \"…\"}");
        }
    }

    /// <summary>The member's page in plain words. The full form comes with the web app; this shows where things stand.</summary>
    private static IResult Page(MemberDeclarationView view)
    {
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        var body = new StringBuilder();
        body.Append($"<p>{e(view.Invitation.MemberName)} is invited to say what it could deliver for:</p>");
        body.Append($"<h2>{e(view.OpportunityTitle)}</h2><p>Buyer: {e(view.BuyerName)}</p>");
        body.Append(view.Open
            ? $"<p><strong>Please answer by {e(view.Round.Deadline.UtcDateTime.ToString("dddd d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))}.</strong></p>"
            : "<p><strong>Declarations for this opportunity are closed.</strong></p>");
        body.Append("<h3>Lots</h3><ul>");
        foreach (var lot in view.Opportunity.Lots)
        {
            var terms = view.Round.TermsOf(lot.Id);
            body.Append($"<li>Lot {e(lot.Id)}: {e(lot.Title)}" + (terms is null ? "" : $" ({terms.Demand:N0} {e(terms.Unit)})") + "</li>");
        }

        body.Append("</ul>");
        body.Append(view.Latest is null
            ? "<p>You have not answered yet.</p>"
            : view.Latest.Declined
                ? $"<p>You declined: {e(view.Latest.DeclineReason)}</p>"
                : $"<p>Your latest declaration (revision {view.Latest.Revision}): {e(string.Join("; ", view.Latest.Lots.Select(l => $"lot {l.LotId}: {l.Volume:N0} at £{l.PricePerUnit:0.00}")))}.</p>");
        return Results.Content(Html(view.OpportunityTitle, body.ToString()), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string Html(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title></head><body><main>{body}</main></body></html>";
}
