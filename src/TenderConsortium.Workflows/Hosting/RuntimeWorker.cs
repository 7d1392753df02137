using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Workflows.Hosting;

/// <summary>
/// The background side of a node: fires due timers, delivers the outbox and sweeps expired leases. Several nodes
/// may run it against one PostgreSQL database; the claims in the runtime and dispatcher keep work unique.
/// </summary>
public sealed class RuntimeWorker(
    WorkflowRuntime runtime,
    OutboxDispatcher dispatcher,
    IOptions<WorkflowRuntimeOptions> runtimeOptions,
    IOptions<OutboxOptions> outboxOptions,
    ILogger<RuntimeWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            LoopAsync("timers", runtimeOptions.Value.TimerPollInterval, ct => runtime.FireDueTimersAsync(runtimeOptions.Value.TimerBatchSize, ct), stoppingToken),
            LoopAsync("outbox", outboxOptions.Value.PollInterval, ct => dispatcher.DispatchOnceAsync(ct), stoppingToken),
            LoopAsync("sweeper", runtimeOptions.Value.SweepInterval, ct => runtime.SweepAsync(ct), stoppingToken));

    private async Task LoopAsync(string name, TimeSpan interval, Func<CancellationToken, Task<int>> work, CancellationToken ct)
    {
        // Polling uses real time on purpose: due-ness is judged by the injected TimeProvider inside the work.
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            int done;
            try
            {
                done = await work(ct);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                done = 0;
                logger.LogError(ex, "Runtime worker '{Worker}' failed ({Failures} in a row); it carries on", name, failures);
            }

            if (done > 0) continue; // more may be waiting: go again at once
            try
            {
                await Task.Delay(failures == 0 ? interval : TimeSpan.FromTicks(Math.Min(interval.Ticks * (1L << Math.Min(failures, 6)), TimeSpan.FromSeconds(30).Ticks)), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
