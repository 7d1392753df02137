using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Web.Composition;

namespace TenderConsortium.Web.Intake;

/// <summary>
/// The API side of intake: the same importers as the CLI, all or none, with bad input answered by 400
/// problem details. Accounts and roles arrive with the web-app issue; until then `serve` listens on loopback.
/// </summary>
public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opportunities", async (HttpRequest request, NodeSettings node, string? fileName, CancellationToken ct) =>
        {
            try
            {
                await using var body = await BufferAsync(request, ct);
                var result = await new OpportunityImporter(node.ConnectionString).ImportAsync(body, fileName ?? NameFor(request), ct);
                var summaries = result.Opportunities.Select(o => OpportunitySummary.From(o.Id, o.Opportunity)).ToList();
                return Results.Json(new { result.Created, result.Updated, result.Unchanged, result.Warnings, opportunities = summaries },
                    DomainJson.Options, statusCode: result.Created > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        });

        app.MapGet("/api/opportunities", async (NodeSettings node, CancellationToken ct) =>
            Results.Json(new { opportunities = await new OpportunityQueries(node.ConnectionString).ListAsync(ct) }, DomainJson.Options));

        app.MapGet("/api/opportunities/{id}", async (string id, NodeSettings node, CancellationToken ct) =>
            await new OpportunityQueries(node.ConnectionString).FindAsync(id, ct) is { } found
                ? Results.Json(found, DomainJson.Options)
                : Results.Problem(title: "No such opportunity", detail: $"id: no opportunity '{id}'", statusCode: StatusCodes.Status404NotFound));

        app.MapPost("/api/members", async (HttpRequest request, NodeSettings node, string? fileName, bool? dryRun, CancellationToken ct) =>
        {
            try
            {
                await using var body = await BufferAsync(request, ct);
                var result = await new MemberImporter(node.ConnectionString).ImportAsync(body, fileName ?? NameFor(request), dryRun ?? false, ct);
                return Results.Json(new { result.Created, result.Updated, result.Unchanged, result.DryRun }, DomainJson.Options);
            }
            catch (BadInputException ex)
            {
                return BadInputProblem.From(ex);
            }
        });

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

    private static string NameFor(HttpRequest request) => request.ContentType switch
    {
        { } t when t.Contains("csv", StringComparison.OrdinalIgnoreCase) => "upload.csv",
        { } t when t.Contains("yaml", StringComparison.OrdinalIgnoreCase) => "upload.yaml",
        _ => "upload.json",
    };
}
