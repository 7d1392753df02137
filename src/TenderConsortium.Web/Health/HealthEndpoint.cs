using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using Microsoft.Extensions.Options;

namespace TenderConsortium.Web.Health;

public static class HealthEndpoint
{
    /// <summary>GET /health: 200 when the database answers, 503 when it does not; with timers due and outbox backlog.</summary>
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
        return app;
    }
}
