using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Outbox;

/// <summary>What the lead does about failed deliveries: send one again, or all of them (after fixing an address or the relay).</summary>
public sealed class OutboxAdmin(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Puts a failed message back in the queue with fresh attempts; false when there is no such failed message.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Requeue(db.Outbox.Where(o => o.Id == id && o.Status == OutboxStatus.Failed), ct) == 1;
    }

    /// <summary>Puts every failed message back in the queue; returns how many.</summary>
    public async Task<int> RetryAllFailedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Requeue(db.Outbox.Where(o => o.Status == OutboxStatus.Failed), ct);
    }

    /// <summary>The last error stays until the next attempt overwrites it, so the list still says why it failed before.</summary>
    private Task<int> Requeue(IQueryable<OutboxRecord> rows, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return rows.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.Attempts, 0)
            .SetProperty(o => o.NextAttemptAt, now).SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), ct);
    }
}
