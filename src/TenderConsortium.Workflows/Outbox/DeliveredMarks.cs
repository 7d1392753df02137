using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Outbox;

/// <summary>
/// Records delivered rows of one claimed batch as Sent in groups: one statement and one commit (one fsync) for every
/// row delivered while the previous group was being written, instead of a commit per message, which was most of the
/// cost of delivery from the outbox. Once a group's worth of rows is waiting, the sender that finds no one writing
/// writes them; the others carry on sending. A lone sender on a quiet node would otherwise commit every row alone. What the group commit changes about guarantees:
/// <list type="bullet">
/// <item>At least once, as before: a row whose mark is lost (a crash before its group commits) is still Pending under
/// the node's claim and is sent again, with the same Message-ID, once the claim expires.</item>
/// <item>No row that is marked Sent is sent again: the mark commits only rows this batch delivered, under its claim.</item>
/// <item>More rows may be sent twice after a crash: those waiting for their group (fewer than
/// <see cref="OutboxOptions.MarkGroupSize"/> beyond the group being written), at most one batch.</item>
/// </list>
/// </summary>
internal sealed class DeliveredMarks(IDbContextFactory<WorkflowDbContext> dbFactory, Guid claimToken, TimeProvider time, int groupSize)
{
    private readonly ConcurrentQueue<long> _delivered = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _groups;

    /// <summary>Groups written so far (a batch of N rows is usually far fewer).</summary>
    public int Groups => Volatile.Read(ref _groups);

    /// <summary>Adds a delivered row; writes a group once enough are waiting and no one else is writing one.</summary>
    public async Task AddAsync(long rowId)
    {
        _delivered.Enqueue(rowId);
        if (_delivered.Count < Math.Max(1, groupSize) || !_writer.Wait(0)) return; // the writer's next group, or the final flush, takes it
        try
        {
            await WriteGroupAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Writes every mark still waiting; the batch ends only after this (or its failure).</summary>
    public async Task FlushAsync()
    {
        await _writer.WaitAsync();
        try
        {
            while (!_delivered.IsEmpty) await WriteGroupAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task WriteGroupAsync()
    {
        var ids = new List<long>();
        while (_delivered.TryDequeue(out var id)) ids.Add(id);
        if (ids.Count == 0) return;
        // The crash suite stops here once a group has committed: those rows are durable, this group's are not.
        if (Interlocked.Increment(ref _groups) > 1) CrashPoints.Hit("outbox-marks-before-commit");
        var now = time.GetUtcNow();
        // Sent is sent: recorded even when the node is stopping (no cancellation).
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.ClaimToken == claimToken)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent).SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }
}
