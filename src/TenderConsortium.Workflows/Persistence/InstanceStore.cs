using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The runtime's rows as the engine reads and writes them: the lease and the instance row, the burst's writes, the
/// timers that are due, kept signals and the sweeper's queries. The engine above it decides; this only stores.
/// </summary>
internal sealed class InstanceStore(IDbContextFactory<WorkflowDbContext> dbFactory)
{
    /// <summary>Takes the instance's lease inside the call's transaction (see <see cref="InstanceLease"/>).</summary>
    public Task<InstanceLease.Taken> LeaseAsync(WriteSession session, Guid instanceId, string node, DateTimeOffset now, DateTimeOffset until,
        string? idempotencyKey, CancellationToken ct) =>
        InstanceLease.TakeAsync(session, instanceId, node, now, until, idempotencyKey, ct);

    public Task<bool> ExistsAsync(WriteSession session, Guid instanceId, CancellationToken ct) =>
        session.Db.Instances.AnyAsync(i => i.Id == instanceId, ct);

    /// <summary>Whether the instance has this bookmark now (outside any call: a moment's answer, for display).</summary>
    public async Task<bool> HasBookmarkAsync(Guid instanceId, string bookmark, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bookmarks.AnyAsync(b => b.InstanceId == instanceId && b.Name == bookmark && b.Key == key, ct);
    }

    /// <summary>Pending timers due by <paramref name="now"/>, oldest first.</summary>
    public async Task<List<(Guid Id, Guid InstanceId)>> DueTimersAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                .OrderBy(t => t.DueAt)
                .Take(max)
                .Select(t => new { t.Id, t.InstanceId })
                .ToListAsync(ct))
            .Select(t => (t.Id, t.InstanceId)).ToList();
    }

    /// <summary>Marks the timer fired by this node if it is still pending and due; null when another call got it first.</summary>
    public async Task<TimerRecord?> ClaimTimerAsync(WriteSession session, Guid timerId, DateTimeOffset now, string node, CancellationToken ct)
    {
        var db = session.Db;
        var claimed = await db.Timers
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Pending && t.DueAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Fired).SetProperty(t => t.FiredAt, now).SetProperty(t => t.FiredBy, node), ct);
        return claimed == 0 ? null : await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId, ct);
    }

    /// <summary>Clears leases whose node stopped answering; returns the instances with kept signals to apply, oldest first.</summary>
    public async Task<List<Guid>> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Instances
            .Where(i => i.LeaseOwner != null && i.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        return await db.Instances.AsNoTracking()
            .Where(i => i.PendingSignals > 0 && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended))
            .OrderBy(i => i.UpdatedAt).Select(i => i.Id).Take(100).ToListAsync(ct);
    }

    /// <summary>Signals kept for the instance and not applied yet, oldest first.</summary>
    public Task<List<SignalRecord>> KeptSignalsAsync(WriteSession session, Guid instanceId, CancellationToken ct) =>
        session.Db.Signals.AsNoTracking()
            .Where(s => s.InstanceId == instanceId && s.Status == SignalStatus.Pending)
            .OrderBy(s => s.ReceivedAt)
            .ToListAsync(ct);

    /// <summary>Whether the instance accepted a signal under this key: recorded, or still carried in its row.</summary>
    public async Task<bool> HasSignalAsync(WriteSession session, Guid instanceId, string idempotencyKey, CancellationToken ct)
    {
        var db = session.Db;
        if (await db.SignalKeys.AnyAsync(k => k.InstanceId == instanceId && k.IdempotencyKey == idempotencyKey, ct)) return true;
        var recent = await db.Instances.Where(i => i.Id == instanceId).Select(i => i.RecentSignalKeys).FirstOrDefaultAsync(ct);
        return SignalKeyBuffer.Contains(recent, idempotencyKey);
    }

    /// <summary>
    /// Stores a signal for an instance this call could not lease, with its key (the row belongs to the node holding
    /// the instance), and counts it on the row for the sweeper.
    /// </summary>
    public async Task KeepSignalAsync(WriteSession session, SignalRecord signal, CancellationToken ct)
    {
        var db = session.Db;
        db.Signals.Add(signal);
        db.SignalKeys.Add(new SignalKeyRecord { InstanceId = signal.InstanceId, IdempotencyKey = signal.IdempotencyKey });
        await db.SaveChangesAsync(ct);
        await db.Instances.Where(i => i.Id == signal.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PendingSignals, i => i.PendingSignals + 1), ct);
    }

    /// <summary>Bookmarks this burst removed and then created again under the same name and key, by what was removed.</summary>
    private static Dictionary<BookmarkRef, BookmarkRecord> Rearmed(BurstEffects effects)
    {
        if (effects.RemovedBookmarks.Count == 0 || effects.NewBookmarks.Count == 0) return [];
        var rearmed = new Dictionary<BookmarkRef, BookmarkRecord>();
        foreach (var created in effects.NewBookmarks)
        {
            var same = new BookmarkRef(created.Name, created.Key);
            if (effects.RemovedBookmarks.Contains(same)) rearmed.TryAdd(same, created);
        }

        return rearmed;
    }

    /// <summary>
    /// Writes the burst (see <see cref="BurstWriter"/>): the instance row (inserted, or only its changed columns),
    /// bookmarks, timers, signals, one journal row and the outbox. The instance's status, stage and next deadline are
    /// worked out from its state here, so that every call leaves the row's columns agreeing with the state blob.
    /// </summary>
    public async Task PersistAsync(WriteSession session, ExecutionScope scope, CancellationToken ct)
    {
        var instance = scope.Instance;
        var state = scope.State;
        var effects = scope.Effects;
        using var writer = new BurstWriter(session);
        var sql = BurstStatements.For(writer);
        var rearmed = instance.Status == InstanceStatus.Finished ? [] : Rearmed(effects);
        foreach (var removed in effects.RemovedBookmarks)
        {
            if (rearmed.TryGetValue(removed, out var again))
            {
                // Consumed and armed again in this burst (a loop's wait): no reader ever sees it gone, so the row stays
                // as it is, and neither the delete nor the insert writes a page. Only a move to another activity is written.
                writer.Statement(sql.RearmBookmark, (sql.BookmarkActivity, again.ActivityId), (sql.BookmarkCreatedAt, again.CreatedAt),
                    (sql.BookmarkInstance, instance.Id), (sql.BookmarkName, removed.Name), (sql.BookmarkKey, removed.Key), (sql.BookmarkActivity, again.ActivityId));
                continue;
            }

            writer.Statement(sql.DeleteBookmark, (sql.BookmarkInstance, instance.Id), (sql.BookmarkName, removed.Name), (sql.BookmarkKey, removed.Key));
        }

        foreach (var cancelled in effects.CancelledTimers)
            writer.Statement(sql.CancelTimer, (sql.TimerStatus, TimerStatus.Cancelled), (sql.TimerId, cancelled), (sql.TimerStatus, TimerStatus.Pending));

        if (instance.Status == InstanceStatus.Finished)
        {
            // Whatever still waits is moot once the instance has ended.
            writer.Statement(sql.DeleteBookmarks, (sql.BookmarkInstance, instance.Id));
            writer.Statement(sql.CancelTimers, (sql.TimerStatus, TimerStatus.Cancelled), (sql.TimerInstance, instance.Id), (sql.TimerStatus, TimerStatus.Pending));
            effects.NewBookmarks.Clear();
            effects.NewTimers.Clear();
        }

        writer.Insert(rearmed.Count == 0 ? effects.NewBookmarks : effects.NewBookmarks.Where(b => !rearmed.ContainsValue(b)).ToList());
        writer.Insert(effects.NewTimers);
        writer.Insert(effects.Outbox);
        writer.Insert(effects.NewSignals);
        foreach (var applied in effects.AppliedSignals)
            writer.Statement(sql.ApplySignal, (sql.SignalStatus, applied.Status), (sql.SignalAppliedAt, applied.AppliedAt), (sql.SignalId, applied.Id));
        if (effects.NewSignals.Count > 0)
        {
            instance.RecentSignalKeys = SignalKeyBuffer.Add(instance.RecentSignalKeys, effects.NewSignals.ConvertAll(s => s.IdempotencyKey), out var flush);
            foreach (var key in flush) writer.Statement(sql.InsertSignalKey, (sql.SignalKeyInstance, instance.Id), (sql.SignalKey, key));
        }

        if (instance.Status is not (InstanceStatus.Finished or InstanceStatus.Faulted or InstanceStatus.Cancelled))
            instance.Status = state.Waiting.Count > 0 || state.Queue.Count > 0 ? InstanceStatus.Suspended : InstanceStatus.Running;
        if (instance.Status == InstanceStatus.Running && state.Queue.Count == 0 && state.Waiting.Count == 0)
        {
            // Every branch ended without an End activity: the instance is done.
            instance.Status = InstanceStatus.Finished;
            instance.FinishedAt = scope.Now;
            scope.Journal(JournalKinds.InstanceFinished, null, null, null);
        }

        instance.Stage = instance.Status is InstanceStatus.Suspended
            ? string.Join(", ", state.Waiting.Keys.Select(id => scope.Definition.Activity(id).DisplayName ?? id))
            : null;
        instance.NextDueAt = state.Waiting.Values.SelectMany(w => w.Timers).Select(t => (DateTimeOffset?)t.DueAt).Min();
        instance.UpdatedAt = scope.Now;
        instance.State = state.Serialize();
        instance.LeaseOwner = null;
        instance.LeaseExpiresAt = null;
        // The journal goes last, after the new instance's row: the head is set from the id of the last row inserted.
        if (scope.Original is null) writer.Insert([instance]);
        var head = InsertJournal(writer, sql, instance, JournalBursts.Pack(effects.Journal));
        writer.UpdateChanged(scope.Original ?? instance, instance, head);
        await writer.ExecuteAsync(ct);
    }

    /// <summary>
    /// Appends the burst's journal rows to the instance's chain, each naming the one before it; the instance's head
    /// column to point at the last of them, or null when the burst journalled nothing.
    /// </summary>
    private static IProperty? InsertJournal(BurstWriter writer, BurstStatements sql, InstanceRecord instance, List<JournalBurstRecord> bursts)
    {
        if (bursts.Count == 0) return null;
        for (var i = 0; i < bursts.Count; i++)
        {
            var b = bursts[i];
            // The first links to the head as read at the start of the call (the lease keeps it there); a burst too big
            // for one row (never in practice) links each further row to the one just inserted.
            if (i == 0)
                writer.Statement(sql.InsertJournal, (sql.JournalInstance, b.InstanceId), (sql.JournalAt, b.At), (sql.JournalNode, b.Node),
                    (sql.JournalEntries, b.Entries), (sql.JournalPrevious, instance.JournalHead));
            else
                writer.Statement(sql.InsertJournalAfterLast, (sql.JournalInstance, b.InstanceId), (sql.JournalAt, b.At), (sql.JournalNode, b.Node),
                    (sql.JournalEntries, b.Entries));
        }

        return sql.JournalHead;
    }
}
