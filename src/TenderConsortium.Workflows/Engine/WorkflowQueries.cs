using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows;

/// <summary>Read side of the runtime. Lists project columns only; the state blob is read for one instance at most.</summary>
public sealed class WorkflowQueries(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(string? status = null, string? definitionId = null,
        string? correlationId = null, int skip = 0, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Instances.AsNoTracking();
        if (status is not null) query = query.Where(i => i.Status == status);
        if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
        if (correlationId is not null) query = query.Where(i => i.CorrelationId == correlationId);
        return await Summaries(query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(skip).Take(take)).ToListAsync(ct);
    }

    /// <summary>The projection every list uses: columns only, so the state blob is never read for a list.</summary>
    internal static IQueryable<InstanceSummary> Summaries(IQueryable<InstanceRecord> query) =>
        query.Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.Stage, i.CorrelationId,
            i.CreatedAt, i.UpdatedAt, i.NextDueAt, i.Incident));

    public async Task<InstanceDetails?> GetInstanceAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (row is null) return null;
        var summary = new InstanceSummary(row.Id, row.DefinitionId, row.DefinitionVersion, row.Status, row.Stage, row.CorrelationId,
            row.CreatedAt, row.UpdatedAt, row.NextDueAt, row.Incident);
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).OrderBy(b => b.CreatedAt)
            .Select(b => new BookmarkView(b.Name, b.Key, b.ActivityId, b.CreatedAt)).ToListAsync(ct);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.DueAt)
            .Select(t => new TimerView(t.Id, t.ActivityId, t.Tag, t.DueAt, t.Status)).ToListAsync(ct);
        var journal = await JournalAsync(db, row.JournalHead, ct);
        return new InstanceDetails(summary, InstanceState.Deserialize(row.State).Variables, bookmarks, timers, journal);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid id, long afterId = 0, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await JournalAsync(db, await JournalChain.HeadAsync(db, id, ct), ct, afterId);
    }

    public async Task<IReadOnlyList<OutboxRecord>> ListOutboxAsync(string? status = null, Guid? instanceId = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Outbox.AsNoTracking();
        if (status is not null) query = query.Where(o => o.Status == status);
        if (instanceId is not null) query = query.Where(o => o.InstanceId == instanceId);
        return await query.OrderBy(o => o.CreatedAt).Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// Outbox rows as the lead's pages and <c>tender outbox list</c> show them: columns only, never the message body.
    /// Failed ones first (they need the lead), then newest first.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryView>> ListDeliveriesAsync(string? status = null, int skip = 0, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Outbox.AsNoTracking();
        if (status is not null) query = query.Where(o => o.Status == status);
        return await query.OrderBy(o => o.Status == OutboxStatus.Failed ? 0 : 1).ThenByDescending(o => o.CreatedAt).ThenBy(o => o.Id).Skip(skip).Take(take)
            .Select(o => new DeliveryView(o.Id, o.InstanceId, o.Event, o.Recipient, o.Subject, o.MessageId, o.Status, o.Attempts, o.CreatedAt,
                o.NextAttemptAt, o.SentAt, o.LastError))
            .ToListAsync(ct);
    }

    /// <summary>Emails that will not arrive without the lead: permanent failures (with the server's reason) and exhausted retries.</summary>
    public Task<IReadOnlyList<DeliveryView>> ListFailedDeliveriesAsync(int skip = 0, int take = 100, CancellationToken ct = default) =>
        ListDeliveriesAsync(OutboxStatus.Failed, skip, take, ct);

    /// <summary>What /health reports: the database answers, timers due now, emails not yet delivered.</summary>
    public async Task<RuntimeHealth> HealthAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            var dueTimers = await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= now, ct);
            var backlog = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending, ct);
            var failed = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed, ct);
            var faulted = await db.Instances.CountAsync(i => i.Status == InstanceStatus.Faulted, ct);
            return new RuntimeHealth(true, null, dueTimers, backlog, failed, faulted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RuntimeHealth(false, ex.Message, 0, 0, 0, 0);
        }
    }

    private static async Task<IReadOnlyList<JournalEntry>> JournalAsync(WorkflowDbContext db, long? head, CancellationToken ct, long afterId = 0) =>
        (await JournalChain.EntriesAsync(db, head, ct, afterId))
            .Select(j => new JournalEntry(j.Id, j.At, j.Kind, j.ActivityId, j.Actor, j.Node, j.Detail)).ToList();
}

/// <summary>One outbox row without its body. <see cref="LastError"/> is the server's reason for a failure.</summary>
public sealed record DeliveryView(long Id, Guid? InstanceId, string Event, string Recipient, string Subject, string MessageId, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

public sealed record RuntimeHealth(bool DatabaseReachable, string? DatabaseError, int DueTimers, int OutboxBacklog, int OutboxFailed, int FaultedInstances);
