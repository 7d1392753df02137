using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows;

/// <summary>
/// Starts, resumes and advances instances. Every call is one database transaction that takes the instance's lease,
/// runs activities until all branches wait or end (a burst), and writes state, bookmarks, timers, journal and
/// outbox together. A crash anywhere before the commit leaves the instance as it was; nothing is sent before it.
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    DefinitionRegistry definitions,
    ActivityCatalogue catalogue,
    IOptions<WorkflowRuntimeOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<WorkflowRuntime> logger)
{
    private readonly WorkflowRuntimeOptions _options = options.Value;
    private IWritePath? _writes;

    /// <summary>How calls are committed: grouped on SQLite, one by one on PostgreSQL (see <see cref="IWritePath"/>).</summary>
    private IWritePath Writes => _writes ??= services.GetService<IWritePath>() ?? new PerCallTransactions(dbFactory);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkflowDefinition, ILookup<string, BookmarkDeclaration>> _declarations = new();

    public DefinitionRegistry Definitions => definitions;

    public async Task<StartResult> StartAsync(string definitionId, JsonObject? variables = null, JsonObject? settings = null,
        string? correlationId = null, string? actor = null, CancellationToken ct = default)
    {
        var (definition, version) = await definitions.GetLatestAsync(definitionId, ct);
        var resolvedSettings = ResolveSettings(definition, settings);
        CheckSettings(definition, resolvedSettings);
        var now = time.GetUtcNow();
        var state = new InstanceState { Variables = variables?.DeepClone().AsObject() ?? new JsonObject(), Settings = resolvedSettings };
        state.Queue.Add(new WorkItem(definition.StartActivity.Id, null));
        var instance = new InstanceRecord
        {
            Id = Guid.NewGuid(),
            DefinitionId = definition.Id,
            DefinitionVersion = version,
            Status = InstanceStatus.Running,
            CorrelationId = correlationId,
            CreatedAt = now,
            UpdatedAt = now,
            State = "{}",
        };

        return await Writes.RunAsync(async (session, ct) =>
        {
            var scope = NewScope(session, instance, null, state, definition, now, actor);
            scope.Journal(JournalKinds.InstanceStarted, null, $"{definition.Id} v{version}", actor);
            await RunBurstAsync(session, scope, ct);
            await PersistAsync(session, scope, ct);
            return WriteOutcome<StartResult>.Kept(new StartResult(instance.Id, instance.Status, version));
        }, ct);
    }

    /// <summary>
    /// Whether the instance waits on this bookmark now. Hosts ask before signalling a human decision, so that an
    /// answer given at the wrong stage is refused rather than kept for later.
    /// </summary>
    public async Task<bool> IsWaitingAsync(Guid instanceId, string bookmark, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bookmarks.AnyAsync(b => b.InstanceId == instanceId && b.Name == bookmark && b.Key == key, ct);
    }

    /// <summary>
    /// Delivers a signal to a bookmark. Applied once per idempotency key; a signal for a bookmark that does not
    /// exist yet is kept and applied when it appears.
    /// </summary>
    public async Task<ResumeResult> ResumeAsync(Guid instanceId, string bookmark, string key, JsonNode? payload,
        string? idempotencyKey = null, string? actor = null, CancellationToken ct = default)
    {
        idempotencyKey ??= Guid.NewGuid().ToString("N");
        key ??= "";
        using var span = WorkflowTelemetry.Source.StartActivity("workflow resume");
        span?.SetTag("workflow.instance", instanceId.ToString());
        span?.SetTag("workflow.bookmark", bookmark);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await Writes.RunAsync((session, ct) => ResumeInAsync(session, instanceId, bookmark, key, payload, idempotencyKey, actor, ct), ct);
        var outcome = new KeyValuePair<string, object?>("outcome", result.Status.ToString().ToLowerInvariant());
        span?.SetTag("workflow.outcome", outcome.Value);
        WorkflowTelemetry.Resumes.Add(1, outcome, new KeyValuePair<string, object?>("bookmark", bookmark));
        WorkflowTelemetry.ResumeDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
        if (result.Status == ResumeStatus.Applied) CrashPoints.Hit("resume-committed");
        return result;
    }

    private async Task<WriteOutcome<ResumeResult>> ResumeInAsync(WriteSession session, Guid instanceId, string bookmark, string key, JsonNode? payload,
        string idempotencyKey, string? actor, CancellationToken ct)
    {
        var db = session.Db;
        var now = time.GetUtcNow();
        var lease = await InstanceLease.TakeAsync(session, instanceId, _options.NodeId, now, now + _options.LeaseDuration, idempotencyKey, ct);
        if (lease.Instance is not { } instance)
        {
            if (!await db.Instances.AnyAsync(i => i.Id == instanceId, ct))
                return Discard(ResumeResult.Of(ResumeStatus.Unknown, $"No workflow instance {instanceId}."));
            // Leased by a node that is running it outside a transaction: keep the signal for it or the sweeper.
            return await KeepSignalWithoutLeaseAsync(db, instanceId, bookmark, key, payload, idempotencyKey, actor, now, ct);
        }

        // A retry of an accepted request is answered the same whatever has happened since.
        if (lease.Duplicate) return Discard(ResumeResult.Of(ResumeStatus.Duplicate, $"Signal '{idempotencyKey}' was already accepted."));
        if (!InstanceStatus.IsActive(instance.Status))
            return Discard(ResumeResult.Of(ResumeStatus.Unknown, $"Instance {instanceId} is {instance.Status.ToLowerInvariant()}; it waits for nothing."));

        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var declarations = BookmarkDeclarations(definition, bookmark);
        if (declarations.Count == 0)
            return Discard(ResumeResult.Of(ResumeStatus.Unknown, $"No activity of '{definition.Id}' waits on a bookmark named '{bookmark}'."));
        if (declarations.All(d => d.LiteralKey is not null && d.LiteralKey != key))
            return Discard(ResumeResult.Of(ResumeStatus.Unknown, $"Bookmark '{bookmark}' has no key '{key}' in '{definition.Id}'."));
        var problems = declarations.Select(d => d.Payload.Validate(payload)).OrderBy(p => p.Count).First();
        if (problems.Count > 0)
            return Discard(new ResumeResult(ResumeStatus.Invalid, $"The payload for '{bookmark}' is not valid.", problems));

        var signal = NewSignal(instanceId, bookmark, key, payload, idempotencyKey, actor, now);
        var state = InstanceState.Deserialize(instance.State);
        var scope = NewScope(session, instance, lease.Original, state, definition, now, actor);
        scope.Effects.NewSignals.Add(signal);
        var waiting = FindWaiting(state, bookmark, key);
        if (waiting is null)
        {
            instance.PendingSignals++;
            scope.Journal(JournalKinds.SignalKept, null, $"{bookmark}/{key} kept until the bookmark exists", actor);
            await PersistAsync(session, scope, ct);
            return Keep(ResumeResult.Of(ResumeStatus.NotYetWaiting, $"No bookmark '{bookmark}/{key}' yet; the signal is kept and applied when it appears."));
        }

        await ApplySignalAsync(scope, signal, waiting, ct);
        await RunBurstAsync(session, scope, ct);
        await PersistAsync(session, scope, ct);
        return Keep(ResumeResult.Of(ResumeStatus.Applied, $"Resumed '{bookmark}/{key}'."));
    }

    private static WriteOutcome<T> Keep<T>(T value) => WriteOutcome<T>.Kept(value);

    private static WriteOutcome<T> Discard<T>(T value) => WriteOutcome<T>.Discarded(value);

    /// <summary>Fires timers that are due by the runtime's clock; each fires once, even with several nodes polling.</summary>
    public async Task<int> FireDueTimersAsync(int max = 100, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        List<(Guid Id, Guid InstanceId)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = (await db.Timers.AsNoTracking()
                    .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                    .OrderBy(t => t.DueAt)
                    .Take(max)
                    .Select(t => new { t.Id, t.InstanceId })
                    .ToListAsync(ct))
                .Select(t => (t.Id, t.InstanceId)).ToList();
        }

        // Nodes start from different places in the list so that they rarely contend for the same instance.
        var offset = due.Count == 0 ? 0 : Random.Shared.Next(due.Count);
        using var span = due.Count == 0 ? null : WorkflowTelemetry.Source.StartActivity("workflow timers");
        span?.SetTag("workflow.timers.due", due.Count);
        var fired = 0;
        for (var i = 0; i < due.Count; i++)
        {
            var (timerId, instanceId) = due[(i + offset) % due.Count];
            if (await FireTimerAsync(timerId, instanceId, ct)) fired++;
        }

        if (fired > 0) WorkflowTelemetry.TimersFired.Add(fired);
        span?.SetTag("workflow.timers.fired", fired);
        return fired;
    }

    private Task<bool> FireTimerAsync(Guid timerId, Guid instanceId, CancellationToken ct) =>
        Writes.RunAsync((session, ct) => FireTimerInAsync(session, timerId, instanceId, ct), ct);

    private async Task<WriteOutcome<bool>> FireTimerInAsync(WriteSession session, Guid timerId, Guid instanceId, CancellationToken ct)
    {
        var db = session.Db;
        var now = time.GetUtcNow();
        var lease = await InstanceLease.TakeAsync(session, instanceId, _options.NodeId, now, now + _options.LeaseDuration, null, ct);
        if (lease.Instance is not { } instance) return Discard(false);
        var claimed = await db.Timers
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Pending && t.DueAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Fired).SetProperty(t => t.FiredAt, now).SetProperty(t => t.FiredBy, _options.NodeId), ct);
        if (claimed == 0) return Discard(false);

        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId, ct);
        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var state = InstanceState.Deserialize(instance.State);
        var scope = NewScope(session, instance, lease.Original, state, definition, now, null);
        scope.Journal(JournalKinds.TimerFired, timer.ActivityId, $"{timer.Tag} due {timer.DueAt:O}", "timer");
        CrashPoints.Hit("timer-claimed");

        if (state.Waiting.TryGetValue(timer.ActivityId, out var wait) && wait.Timers.Any(t => t.Id == timerId))
        {
            wait.Timers.RemoveAll(t => t.Id == timerId);
            if (wait.Retry is { } retry)
            {
                state.Waiting.Remove(timer.ActivityId);
                scope.Journal(JournalKinds.ActivityRetried, timer.ActivityId, $"attempt {state.Attempts.GetValueOrDefault(timer.ActivityId) + 1}", "timer");
                state.Queue.Add(retry);
            }
            else
            {
                await ResumeActivityAsync(scope, timer.ActivityId, new ResumeInput(ResumeKind.Timer, null, null, null, "timer", timer.Tag), ct);
            }
        }

        await RunBurstAsync(session, scope, ct);
        await PersistAsync(session, scope, ct);
        return Keep(true);
    }

    /// <summary>Runs a faulted instance's failed activity again (the incident is cleared); false if it is not faulted.</summary>
    public Task<bool> RetryAsync(Guid instanceId, string? actor = null, CancellationToken ct = default) =>
        Writes.RunAsync((session, ct) => RetryInAsync(session, instanceId, actor, ct), ct);

    private async Task<WriteOutcome<bool>> RetryInAsync(WriteSession session, Guid instanceId, string? actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lease = await InstanceLease.TakeAsync(session, instanceId, _options.NodeId, now, now + _options.LeaseDuration, null, ct);
        if (lease.Instance is not { } instance)
            throw new WorkflowNotFoundException($"No workflow instance {instanceId}, or another node is running it now.");
        var state = InstanceState.Deserialize(instance.State);
        if (instance.Status != InstanceStatus.Faulted || state.Fault is null) return Discard(false);

        var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var scope = NewScope(session, instance, lease.Original, state, definition, now, actor);
        scope.Journal(JournalKinds.RetryRequested, state.Fault.Item.ActivityId, $"after: {state.Fault.Reason}", actor);
        state.Queue.Insert(0, state.Fault.Item);
        state.Attempts.Remove(state.Fault.Item.ActivityId);
        state.Fault = null;
        instance.Incident = null;
        instance.Status = InstanceStatus.Running;
        await RunBurstAsync(session, scope, ct);
        await PersistAsync(session, scope, ct);
        return Keep(true);
    }

    /// <summary>
    /// Housekeeping that makes the system self-healing: clears leases whose node stopped answering and applies
    /// signals that were kept while an instance was leased.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        List<Guid> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Instances
                .Where(i => i.LeaseOwner != null && i.LeaseExpiresAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseExpiresAt, (DateTimeOffset?)null), ct);
            pending = await db.Instances.AsNoTracking()
                .Where(i => i.PendingSignals > 0 && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended))
                .OrderBy(i => i.UpdatedAt).Select(i => i.Id).Take(100).ToListAsync(ct);
        }

        var advanced = 0;
        foreach (var id in pending)
        {
            var ran = await Writes.RunAsync(async (session, ct) =>
            {
                var lease = await InstanceLease.TakeAsync(session, id, _options.NodeId, now, now + _options.LeaseDuration, null, ct);
                if (lease.Instance is not { } instance) return Discard(false);
                var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
                var scope = NewScope(session, instance, lease.Original, InstanceState.Deserialize(instance.State), definition, now, null);
                await RunBurstAsync(session, scope, ct);
                await PersistAsync(session, scope, ct);
                return Keep(true);
            }, ct);
            if (ran) advanced++;
        }

        return advanced;
    }

    // ---- the burst ------------------------------------------------------------------------------------------

    /// <remarks>Also makes the burst's transaction ambient on this flow (see <see cref="WorkflowTransaction"/>).</remarks>
    /// <param name="original">The instance row as read (null for a new instance): what changed is what is written.</param>
    private ExecutionScope NewScope(WriteSession session, InstanceRecord instance, InstanceRecord? original, InstanceState state, WorkflowDefinition definition,
        DateTimeOffset now, string? actor) =>
        new(instance, state, definition, catalogue, _options, services, now, actor)
        {
            Original = original,
            Transaction = WorkflowTransaction.Enter(session.Db.Database.GetDbConnection(), session.Transaction),
        };

    private async Task RunBurstAsync(WriteSession session, ExecutionScope scope, CancellationToken ct)
    {
        var state = scope.State;
        while (true)
        {
            while (state.Queue.Count > 0 && state.Fault is null && scope.Instance.Status != InstanceStatus.Finished)
            {
                if (++scope.Steps > _options.MaxStepsPerBurst)
                {
                    await FaultAsync(scope, state.Queue[0], $"more than {_options.MaxStepsPerBurst} steps without waiting");
                    break;
                }

                var item = state.Queue[0];
                state.Queue.RemoveAt(0);
                await ExecuteAsync(scope, item, ct);
            }

            if (state.Fault is not null || scope.Instance.Status == InstanceStatus.Finished) break;
            if (!await ApplyKeptSignalAsync(session.Db, scope, ct)) break;
        }
    }

    private async Task ExecuteAsync(ExecutionScope scope, WorkItem item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var node = scope.Definition.Activity(item.ActivityId);
        var activity = catalogue.Get(node.Type);
        CrashPoints.Hit("before-activity:", node.Id);
        scope.Journal(JournalKinds.ActivityStarted, node.Id, node.DisplayName, null);
        var context = new ActivityContext(scope, node, item.Via);
        var checkpoint = scope.Effects.Checkpoint();
        ActivityResult result;
        scope.Transaction?.BeginActivity();
        try
        {
            result = await activity.ExecuteAsync(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (scope.Transaction is not null) await scope.Transaction.RollBackActivityAsync();
            scope.Effects.RollBack(checkpoint);
            scope.State.Waiting.Remove(node.Id);
            await OnActivityFailedAsync(scope, item, ex);
            return;
        }

        context.CommitVariables();
        scope.State.Attempts.Remove(node.Id);
        Complete(scope, node, result);
    }

    private async Task ResumeActivityAsync(ExecutionScope scope, string activityId, ResumeInput input, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var node = scope.Definition.Activity(activityId);
        var activity = catalogue.Get(node.Type);
        var context = new ActivityContext(scope, node, null);
        var checkpoint = scope.Effects.Checkpoint();
        ActivityResult result;
        scope.Transaction?.BeginActivity();
        try
        {
            result = await activity.ResumeAsync(context, input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (scope.Transaction is not null) await scope.Transaction.RollBackActivityAsync();
            scope.Effects.RollBack(checkpoint);
            await OnActivityFailedAsync(scope, new WorkItem(activityId, null), ex);
            return;
        }

        context.CommitVariables();
        Complete(scope, node, result);
    }

    private void Complete(ExecutionScope scope, ActivityNode node, ActivityResult result)
    {
        var state = scope.State;
        if (result.Suspended)
        {
            scope.Journal(JournalKinds.ActivitySuspended, node.Id, Describe(state, node.Id), null);
            return;
        }

        CancelWaits(scope, node.Id);
        state.Completions[node.Id] = state.Completions.GetValueOrDefault(node.Id) + 1;
        if (result.EndsInstance)
        {
            scope.Journal(JournalKinds.ActivityCompleted, node.Id, null, null);
            foreach (var waiting in state.Waiting.Keys.ToList()) CancelWaits(scope, waiting);
            state.Queue.Clear();
            Finish(scope);
            return;
        }

        scope.Journal(JournalKinds.ActivityCompleted, node.Id, result.Outcomes.Count == 0 ? null : string.Join(", ", result.Outcomes), null);
        foreach (var outcome in result.Outcomes)
        {
            foreach (var connection in scope.Definition.Outgoing(node.Id, outcome))
                state.Queue.Add(new WorkItem(connection.To, connection.ToString()));
        }
    }

    private async Task OnActivityFailedAsync(ExecutionScope scope, WorkItem item, Exception ex)
    {
        var state = scope.State;
        var attempts = state.Attempts.GetValueOrDefault(item.ActivityId) + 1;
        state.Attempts[item.ActivityId] = attempts;
        logger.LogWarning(ex, "Activity {Activity} of instance {Instance} failed (attempt {Attempt})", item.ActivityId, scope.Instance.Id, attempts);
        if (attempts >= _options.MaxActivityAttempts)
        {
            await FaultAsync(scope, item, ex.Message);
            return;
        }

        var delay = _options.RetryBaseDelay * Math.Pow(2, attempts - 1);
        var due = scope.Now + delay;
        var timerId = Guid.NewGuid();
        scope.Effects.NewTimers.Add(new TimerRecord
        {
            Id = timerId,
            InstanceId = scope.Instance.Id,
            ActivityId = item.ActivityId,
            Tag = "retry",
            DueAt = due,
            Status = TimerStatus.Pending,
        });
        var wait = scope.WaitStateOf(item.ActivityId);
        wait.Retry = item;
        wait.Timers.Add(new TimerRef(timerId, due));
        scope.Journal(JournalKinds.ActivityFaulted, item.ActivityId, $"attempt {attempts} failed: {ex.Message}; retry at {due:O}", null);
    }

    private async Task FaultAsync(ExecutionScope scope, WorkItem item, string reason)
    {
        var attempts = scope.State.Attempts.GetValueOrDefault(item.ActivityId);
        scope.State.Fault = new FaultState(item, reason, attempts);
        scope.Instance.Status = InstanceStatus.Faulted;
        scope.Instance.Incident = $"{item.ActivityId}: {reason}";
        scope.Journal(JournalKinds.InstanceFaulted, item.ActivityId, $"after {attempts} attempt(s): {reason}", null);
        // Whoever runs the workflow hears of it in the same commit as the incident (e.g. an email to the lead).
        foreach (var observer in services.GetServices<IIncidentObserver>())
        {
            var checkpoint = scope.Effects.Checkpoint();
            try
            {
                await observer.OnFaultedAsync(new ActivityContext(scope, scope.Definition.Activity(item.ActivityId), null), reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                scope.Effects.RollBack(checkpoint);
                logger.LogWarning(ex, "Incident observer {Observer} failed for instance {Instance}", observer.GetType().Name, scope.Instance.Id);
            }
        }
    }

    private static void Finish(ExecutionScope scope)
    {
        scope.Instance.Status = InstanceStatus.Finished;
        scope.Instance.FinishedAt = scope.Now;
        scope.Journal(JournalKinds.InstanceFinished, null, null, null);
    }

    private static void CancelWaits(ExecutionScope scope, string activityId)
    {
        if (!scope.State.Waiting.Remove(activityId, out var wait)) return;
        foreach (var bookmark in wait.Bookmarks) RemoveBookmark(scope, bookmark);
        foreach (var timer in wait.Timers)
        {
            if (scope.Effects.NewTimers.RemoveAll(t => t.Id == timer.Id) == 0) scope.Effects.CancelledTimers.Add(timer.Id);
        }
    }

    private static void RemoveBookmark(ExecutionScope scope, BookmarkRef bookmark)
    {
        if (scope.Effects.NewBookmarks.RemoveAll(b => b.Name == bookmark.Name && b.Key == bookmark.Key) == 0)
            scope.Effects.RemovedBookmarks.Add(bookmark);
    }

    // ---- signals --------------------------------------------------------------------------------------------

    private static string? FindWaiting(InstanceState state, string bookmark, string key) =>
        state.Waiting.FirstOrDefault(w => w.Value.Bookmarks.Any(b => b.Name == bookmark && b.Key == key)).Key;

    private async Task ApplySignalAsync(ExecutionScope scope, SignalRecord signal, string activityId, CancellationToken ct)
    {
        signal.Status = SignalStatus.Applied;
        signal.AppliedAt = scope.Now;
        var wait = scope.State.Waiting[activityId];
        var reference = new BookmarkRef(signal.Bookmark, signal.Key);
        wait.Bookmarks.Remove(reference);
        RemoveBookmark(scope, reference);
        scope.Journal(JournalKinds.Resumed, activityId, $"{signal.Bookmark}/{signal.Key} ({signal.IdempotencyKey})", signal.Actor);
        var payload = signal.Payload is null ? null : JsonNode.Parse(signal.Payload);
        await ResumeActivityAsync(scope, activityId, new ResumeInput(ResumeKind.Signal, signal.Bookmark, signal.Key, payload, signal.Actor, null), ct);
    }

    /// <summary>Applies the oldest kept signal whose bookmark now exists; false when there is none.</summary>
    private async Task<bool> ApplyKeptSignalAsync(WorkflowDbContext db, ExecutionScope scope, CancellationToken ct)
    {
        if (scope.Instance.PendingSignals <= 0 || scope.State.Waiting.Count == 0) return false;
        var kept = await db.Signals.AsNoTracking()
            .Where(s => s.InstanceId == scope.Instance.Id && s.Status == SignalStatus.Pending)
            .OrderBy(s => s.ReceivedAt)
            .ToListAsync(ct);
        // Applied earlier in this burst but written only at its end; signals received in this call are not written yet.
        var effects = scope.Effects;
        kept.RemoveAll(s => effects.AppliedSignals.Exists(a => a.IdempotencyKey == s.IdempotencyKey));
        kept.AddRange(effects.NewSignals.Where(s => s.Status == SignalStatus.Pending));
        foreach (var signal in kept)
        {
            var waiting = FindWaiting(scope.State, signal.Bookmark, signal.Key);
            if (waiting is null) continue;
            scope.Instance.PendingSignals = Math.Max(0, scope.Instance.PendingSignals - 1);
            if (!effects.NewSignals.Contains(signal)) effects.AppliedSignals.Add(signal);
            await ApplySignalAsync(scope, signal, waiting, ct);
            return true;
        }

        return false;
    }

    private static async Task<WriteOutcome<ResumeResult>> KeepSignalWithoutLeaseAsync(WorkflowDbContext db,
        Guid instanceId, string bookmark, string key, JsonNode? payload, string idempotencyKey, string? actor, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Signals.AnyAsync(s => s.InstanceId == instanceId && s.IdempotencyKey == idempotencyKey, ct))
            return Discard(ResumeResult.Of(ResumeStatus.Duplicate, $"Signal '{idempotencyKey}' was already accepted."));
        db.Signals.Add(NewSignal(instanceId, bookmark, key, payload, idempotencyKey, actor, now));
        await db.SaveChangesAsync(ct);
        await db.Instances.Where(i => i.Id == instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.PendingSignals, i => i.PendingSignals + 1), ct);
        return Keep(ResumeResult.Of(ResumeStatus.NotYetWaiting, "The instance is busy on another node; the signal is kept and applied next."));
    }

    private static SignalRecord NewSignal(Guid instanceId, string bookmark, string key, JsonNode? payload, string idempotencyKey, string? actor,
        DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        Bookmark = bookmark,
        Key = key,
        Payload = payload?.ToJsonString(),
        IdempotencyKey = idempotencyKey,
        Actor = actor,
        ReceivedAt = now,
        Status = SignalStatus.Pending,
    };

    /// <summary>
    /// What each bookmark name of a definition accepts, worked out once per definition version: every resume asks,
    /// and parsing each node's payload schema on the hot path would repeat the same work.
    /// </summary>
    private IReadOnlyList<BookmarkDeclaration> BookmarkDeclarations(WorkflowDefinition definition, string bookmark)
    {
        var byName = _declarations.GetValue(definition, d => d.Activities
            .SelectMany(a => catalogue.Get(a.Type).Descriptor.Bookmarks?.Invoke(a) ?? [])
            .ToLookup(b => b.Name, StringComparer.Ordinal));
        return byName[bookmark].ToList();
    }

    // ---- persistence ----------------------------------------------------------------------------------------

    /// <summary>
    /// Writes the burst (see <see cref="BurstWriter"/>): the instance row (inserted, or only its changed columns),
    /// bookmarks, timers, signals, one journal row and the outbox.
    /// </summary>
    private static async Task PersistAsync(WriteSession session, ExecutionScope scope, CancellationToken ct)
    {
        var instance = scope.Instance;
        var state = scope.State;
        var effects = scope.Effects;
        using var writer = new BurstWriter(session);
        var instanceId = writer.Property<BookmarkRecord>(nameof(BookmarkRecord.InstanceId));
        var name = writer.Property<BookmarkRecord>(nameof(BookmarkRecord.Name));
        var key = writer.Property<BookmarkRecord>(nameof(BookmarkRecord.Key));
        var timerId = writer.Property<TimerRecord>(nameof(TimerRecord.Id));
        var timerInstanceId = writer.Property<TimerRecord>(nameof(TimerRecord.InstanceId));
        var timerStatus = writer.Property<TimerRecord>(nameof(TimerRecord.Status));
        var bookmarks = writer.Table<BookmarkRecord>();
        var timers = writer.Table<TimerRecord>();
        foreach (var removed in effects.RemovedBookmarks)
        {
            writer.Statement($"DELETE FROM {bookmarks} WHERE {writer.Column(instanceId)} = {{0}} AND {writer.Column(name)} = {{1}} AND {writer.Column(key)} = {{2}}",
                (instanceId, instance.Id), (name, removed.Name), (key, removed.Key));
        }

        foreach (var cancelled in effects.CancelledTimers)
        {
            writer.Statement($"UPDATE {timers} SET {writer.Column(timerStatus)} = {{0}} WHERE {writer.Column(timerId)} = {{1}} AND {writer.Column(timerStatus)} = {{2}}",
                (timerStatus, TimerStatus.Cancelled), (timerId, cancelled), (timerStatus, TimerStatus.Pending));
        }

        if (instance.Status == InstanceStatus.Finished)
        {
            // Whatever still waits is moot once the instance has ended.
            writer.Statement($"DELETE FROM {bookmarks} WHERE {writer.Column(instanceId)} = {{0}}", (instanceId, instance.Id));
            writer.Statement($"UPDATE {timers} SET {writer.Column(timerStatus)} = {{0}} WHERE {writer.Column(timerInstanceId)} = {{1}} AND {writer.Column(timerStatus)} = {{2}}",
                (timerStatus, TimerStatus.Cancelled), (timerInstanceId, instance.Id), (timerStatus, TimerStatus.Pending));
            effects.NewBookmarks.Clear();
            effects.NewTimers.Clear();
        }

        writer.Insert(effects.NewBookmarks);
        writer.Insert(effects.NewTimers);
        writer.Insert(effects.Outbox);
        writer.Insert(effects.NewSignals);
        if (effects.AppliedSignals.Count > 0)
        {
            var signalStatus = writer.Property<SignalRecord>(nameof(SignalRecord.Status));
            var appliedAt = writer.Property<SignalRecord>(nameof(SignalRecord.AppliedAt));
            var signalInstance = writer.Property<SignalRecord>(nameof(SignalRecord.InstanceId));
            var idempotencyKey = writer.Property<SignalRecord>(nameof(SignalRecord.IdempotencyKey));
            foreach (var applied in effects.AppliedSignals)
            {
                writer.Statement($"UPDATE {writer.Table<SignalRecord>()} SET {writer.Column(signalStatus)} = {{0}}, {writer.Column(appliedAt)} = {{1}} "
                    + $"WHERE {writer.Column(signalInstance)} = {{2}} AND {writer.Column(idempotencyKey)} = {{3}}",
                    (signalStatus, applied.Status), (appliedAt, applied.AppliedAt), (signalInstance, applied.InstanceId), (idempotencyKey, applied.IdempotencyKey));
            }
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
        writer.Insert(JournalBursts.Pack(effects.Journal));
        if (scope.Original is { } original) writer.UpdateChanged(original, instance);
        else writer.Insert([instance]);
        await writer.ExecuteAsync(ct);
    }

    private static string Describe(InstanceState state, string activityId)
    {
        if (!state.Waiting.TryGetValue(activityId, out var wait)) return "";
        var parts = wait.Bookmarks.Select(b => $"bookmark {b.Name}/{b.Key}")
            .Concat(wait.Timers.Select(t => $"timer until {t.DueAt:O}"));
        return string.Join("; ", parts);
    }

    private static JsonObject ResolveSettings(WorkflowDefinition definition, JsonObject? overrides)
    {
        var problems = new List<string>();
        var result = new JsonObject();
        foreach (var (name, setting) in definition.Settings)
        {
            var value = overrides?[name] ?? setting.Default;
            if (value is null)
            {
                if (setting.Required) problems.Add($"settings.{name}: required ({ValueConversion.Expected(setting.Type)})");
                continue;
            }

            if (!ValueConversion.Fits(value, setting.Type))
            {
                problems.Add($"settings.{name}: expected {ValueConversion.Expected(setting.Type)}");
                continue;
            }

            result[name] = value.DeepClone();
        }

        foreach (var (name, _) in overrides ?? [])
        {
            if (!definition.Settings.ContainsKey(name))
                problems.Add($"settings.{name}: not a setting of '{definition.Id}' (known: {string.Join(", ", definition.Settings.Keys)})");
        }

        if (problems.Count > 0) throw new WorkflowInputException(problems);
        return result;
    }

    /// <summary>What the definition's activities say about the settings, each problem once.</summary>
    private void CheckSettings(WorkflowDefinition definition, JsonObject settings)
    {
        var problems = definition.Activities.Select(a => a.Type).Distinct()
            .SelectMany(type => catalogue.Get(type).ValidateSettings(settings))
            .Distinct().ToList();
        if (problems.Count > 0) throw new WorkflowInputException(problems);
    }
}
