using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Intake.ImportMembers;
using TenderConsortium.Application.Intake.ImportNotice;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Web.Api;
using TenderConsortium.Host;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Intake;

/// <summary>
/// The API side of intake: the same importers as the CLI, all or none, with bad input answered by 400
/// problem details. Leads import into their own consortium; leads and advisers read (a lead only its own consortium's).
/// </summary>
public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opportunities", async (HttpRequest request, ImportNoticeHandler import, string? fileName, CancellationToken ct) =>
        {
            try
            {
                await using var body = await BufferAsync(request, ct);
                var result = await import.HandleAsync(new ImportNotice(request.HttpContext.Caller().ConsortiumId!, FileName(fileName) ?? NameFor(request), body), ct);
                var summaries = result.Opportunities.Select(o => OpportunitySummary.From(o.Id, o.Opportunity)).ToList();
                return Results.Json(new { result.Created, result.Updated, result.Unchanged, result.Warnings, opportunities = summaries },
                    DomainJson.Options, statusCode: result.Created > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        })
        .RequireAuthorization(TenderAuth.Lead).WithBodyLimit(IntakeOptions.Default.MaxFileBytes)
        .WithTags("Opportunities").WithSummary("Import a notice: an OCDS package, record or release, or our own JSON/YAML format (?fileName=x.yaml)");

        app.MapGet("/api/opportunities", async (HttpContext http, NodeSettings node, CancellationToken ct) =>
        {
            try
            {
                var paging = Paging.From(http.Request);
                var scope = http.Caller().Scope;
                var queries = http.RequestServices.GetRequiredService<OpportunityQueries>();
                var json = new Dictionary<string, object?> { ["opportunities"] = await queries.ListAsync(scope, paging.Skip, paging.PageSize, ct) };
                foreach (var (k, v) in paging.Links(http.Request, await queries.CountAsync(scope, ct))) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        })
        .RequireAuthorization(TenderAuth.LeadOrAdviser)
        .WithTags("Opportunities").WithSummary("Opportunities by deadline (paged): a lead's own consortium's, every consortium's for an adviser");

        app.MapGet("/api/opportunities/{id}", async (string id, OpportunityQueries opportunities, CancellationToken ct) =>
            await opportunities.FindAsync(id, ct) is { } found
                ? Results.Json(found, DomainJson.Options)
                : OpportunityScope.NotFound(id))
        .RequireAuthorization(TenderAuth.LeadOrAdviser).WithOpportunityScope()
        .WithTags("Opportunities").WithSummary("One opportunity (by id or OCID) with its amendment history");

        app.MapPost("/api/members", async (HttpRequest request, ImportMembersHandler import, string? fileName, bool? dryRun, CancellationToken ct) =>
        {
            try
            {
                await using var body = await BufferAsync(request, ct);
                var result = await import.HandleAsync(new ImportMembers(request.HttpContext.Caller().ConsortiumId!, FileName(fileName) ?? NameFor(request), dryRun ?? false, body), ct);
                return Results.Json(new { result.Created, result.Updated, result.Unchanged, result.DryRun }, DomainJson.Options);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        })
        .RequireAuthorization(TenderAuth.Lead).WithBodyLimit(IntakeOptions.Default.MaxFileBytes)
        .WithTags("Members").WithSummary("Import members into the lead's consortium: CSV (text/csv) or JSON; ?dryRun=true checks without storing");

        app.MapGet("/api/members", async (HttpContext http, NodeSettings node, CancellationToken ct) =>
        {
            try
            {
                var paging = Paging.From(http.Request);
                var consortium = http.Caller().Scope;
                var queries = http.RequestServices.GetRequiredService<MemberQueries>();
                var json = new Dictionary<string, object?> { ["members"] = await queries.ListAsync(consortium, paging.Skip, paging.PageSize, ct) };
                foreach (var (k, v) in paging.Links(http.Request, await queries.CountAsync(consortium, ct))) json[k] = v;
                return Results.Json(json, DomainJson.Options);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        })
        .RequireAuthorization(TenderAuth.Lead)
        .WithTags("Members").WithSummary("The lead's consortium's members by name (paged)");

        return app;
    }

    /// <summary>The importers read the file twice for some formats, so the body is buffered, within the intake size limit.</summary>
    private static async Task<MemoryStream> BufferAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = IntakeOptions.Default.MaxFileBytes;
        if (request.ContentLength > limit) throw new BadInputException($"body: {request.ContentLength} bytes is over the limit of {limit} bytes");
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new BadInputException($"body: over the limit of {limit} bytes");
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Only the file name's extension matters (it picks the format); anything path-like is reduced to its last part.</summary>
    private static string? FileName(string? fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Replace('\\', '/')) is { Length: > 0 and <= 200 } name ? name : "upload";

    private static string NameFor(HttpRequest request) => request.ContentType switch
    {
        { } t when t.Contains("csv", StringComparison.OrdinalIgnoreCase) => "upload.csv",
        { } t when t.Contains("yaml", StringComparison.OrdinalIgnoreCase) => "upload.yaml",
        _ => "upload.json",
    };
}
