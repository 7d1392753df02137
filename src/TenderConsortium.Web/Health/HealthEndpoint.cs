using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Host;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace TenderConsortium.Web.Health;

/// <summary>
/// Probes for operators and orchestrators: <c>/health/live</c> (the process answers; restart it when not),
/// <c>/health/ready</c> (it can do its work: the database answers and the documents folder takes a file; send it
/// traffic only then), and <c>/health</c>, the full report with timers due and the outbox backlog.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (WorkflowQueries queries, IOptions<WorkflowRuntimeOptions> runtime, CancellationToken ct) =>
        {
            var health = await queries.HealthAsync(ct);
            var body = new
            {
                status = health.DatabaseReachable ? "ok" : "unavailable",
                node = runtime.Value.NodeId,
                database = new { reachable = health.DatabaseReachable, error = health.DatabaseError },
                timers = new { due = health.DueTimers },
                outbox = new { backlog = health.OutboxBacklog, failed = health.OutboxFailed },
                instances = new { faulted = health.FaultedInstances },
            };
            return Results.Json(body, statusCode: health.DatabaseReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        // Nothing but the process itself: a slow database must not get a healthy node restarted.
        app.MapGet("/health/live", (IOptions<WorkflowRuntimeOptions> runtime) => Results.Json(new { status = "live", node = runtime.Value.NodeId }));

        app.MapGet("/health/ready", async (WorkflowQueries queries, NodeSettings node, IOptions<WorkflowRuntimeOptions> runtime, CancellationToken ct) =>
        {
            var health = await queries.HealthAsync(ct);
            var documents = DocumentsWritable(node, runtime.Value.NodeId);
            var ready = health.DatabaseReachable && documents is null;
            var body = new
            {
                status = ready ? "ready" : "not ready",
                node = runtime.Value.NodeId,
                database = new { reachable = health.DatabaseReachable, error = health.DatabaseError },
                documents = new { writable = documents is null, error = documents },
            };
            return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    /// <summary>Null when a file can be written in the documents folder (bid packs are), else why not.</summary>
    private static string? DocumentsWritable(NodeSettings node, string nodeId)
    {
        var folder = Path.Combine(node.DataFolder, "documents");
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".ready-{string.Concat(nodeId.Where(char.IsLetterOrDigit))}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the documents folder cannot be written: {ex.Message}";
        }
    }
}
