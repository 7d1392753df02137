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
/// Starts, resumes and advances instances: the runtime's front door. Every call goes through one
/// <see cref="InstanceScope"/> (open → lease → load → act → run → persist → commit, one database transaction); the
/// <see cref="WorkflowInterpreter"/> runs the activities, the <see cref="SignalInbox"/> decides what a signal may do,
/// and the <see cref="InstanceStore"/> reads and writes the rows. A crash anywhere before the commit leaves the
/// instance as it was; nothing is sent before it.
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly DefinitionRegistry _definitions;
    private readonly ActivityCatalogue _catalogue;
    private readonly WorkflowRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly InstanceStore _store;
    private readonly SignalInbox _inbox;
    private readonly WorkflowInterpreter _interpreter;
    private readonly InstanceScope _scope;

    public WorkflowRuntime(
        IDbContextFactory<WorkflowDbContext> dbFactory,
        DefinitionRegistry definitions,
        ActivityCatalogue catalogue,
        IOptions<WorkflowRuntimeOptions> options,
        TimeProvider time,
        IServiceProvider services,
        ILogger<WorkflowRuntime> logger)
    {
        _definitions = definitions;
        _catalogue = catalogue;
        _options = options.Value;
        _time = time;
        _store = new InstanceStore(dbFactory);
        _inbox = new SignalInbox(catalogue, _store);
        _interpreter = new WorkflowInterpreter(catalogue, _inbox, _options, services, logger);
        // How calls are committed: grouped on SQLite, one by one on PostgreSQL (see IWritePath).
        var writes = services.GetService<IWritePath>() ?? new PerCallTransactions(dbFactory);
        _scope = new InstanceScope(writes, _store, definitions, _interpreter, catalogue, _options, services, time);
    }

    public DefinitionRegistry Definitions => _definitions;

    public async Task<StartResult> StartAsync(string definitionId, JsonObject? variables = null, JsonObject? settings = null,
        string? correlationId = null, string? actor = null, CancellationToken ct = default)
    {
        var (definition, version) = await _definitions.GetLatestAsync(definitionId, ct);
        var resolvedSettings = ResolveSettings(definition, settings);
        CheckSettings(definition, resolvedSettings);
        var now = _time.GetUtcNow();
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

        return await _scope.StartAsync(instance, state, definition, actor,
            scope => scope.Journal(JournalKinds.InstanceStarted, null, $"{definition.Id} v{version}", actor),
            // After the first burst: the status the instance has once committed (suspended, finished, faulted).
            scope => new StartResult(instance.Id, scope.Instance.Status, version), ct);
    }

    /// <summary>
    /// Whether the instance waits on this bookmark now: a moment's answer, for showing what a person may do. To act on
    /// the answer, resume with <see cref="ResumeOptions.OnlyIfWaiting"/> instead of asking first.
    /// </summary>
    public Task<bool> IsWaitingAsync(Guid instanceId, string bookmark, string key, CancellationToken ct = default) =>
        _store.HasBookmarkAsync(instanceId, bookmark, key, ct);

    /// <summary>
    /// Delivers a signal to a bookmark. Applied once per idempotency key; a signal for a bookmark that does not
    /// exist yet is kept and applied when it appears.
    /// </summary>
    public Task<ResumeResult> ResumeAsync(Guid instanceId, string bookmark, string key, JsonNode? payload,
        string? idempotencyKey = null, string? actor = null, CancellationToken ct = default) =>
        ResumeAsync(instanceId, bookmark, key, payload, new ResumeOptions(idempotencyKey, actor), ct);

    /// <summary>Delivers a signal to a bookmark as <paramref name="options"/> say (see <see cref="ResumeOptions"/>).</summary>
    public async Task<ResumeResult> ResumeAsync(Guid instanceId, string bookmark, string key, JsonNode? payload, ResumeOptions options,
        CancellationToken ct = default)
    {
        var idempotencyKey = options.IdempotencyKey ?? Guid.NewGuid().ToString("N");
        key ??= "";
        using var span = WorkflowTelemetry.Source.StartActivity("workflow resume");
        span?.SetTag("workflow.instance", instanceId.ToString());
        span?.SetTag("workflow.bookmark", bookmark);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var actor = options.Actor;
        var result = await _scope.RunAsync(instanceId, idempotencyKey, actor,
            (leased, ct) => DeliverAsync(leased, bookmark, key, payload, idempotencyKey, options.OnlyIfWaiting, ct),
            async (session, now, ct) =>
            {
                if (!await _store.ExistsAsync(session, instanceId, ct))
                    return WriteOutcome<ResumeResult>.Discarded(ResumeResult.Of(ResumeStatus.Unknown, $"No workflow instance {instanceId}."));
                // Leased by a node that is running it outside a transaction: whether it waits cannot be known now.
                if (options.OnlyIfWaiting)
                    return WriteOutcome<ResumeResult>.Discarded(ResumeResult.Of(ResumeStatus.NotWaiting, $"Instance {instanceId} is busy on another node; nothing was kept."));
                return await _inbox.KeepWhileBusyAsync(session, SignalInbox.Receive(instanceId, bookmark, key, payload, idempotencyKey, actor, now), ct);
            }, ct);
        var outcome = new KeyValuePair<string, object?>("outcome", result.Status.ToString().ToLowerInvariant());
        span?.SetTag("workflow.outcome", outcome.Value);
        WorkflowTelemetry.Resumes.Add(1, outcome, new KeyValuePair<string, object?>("bookmark", bookmark));
        WorkflowTelemetry.ResumeDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
        if (result.Status == ResumeStatus.Applied) CrashPoints.Hit("resume-committed");
        return result;
    }

    private async Task<CallStep<ResumeResult>> DeliverAsync(InstanceScope.Leased leased, string bookmark, string key, JsonNode? payload,
        string idempotencyKey, bool onlyIfWaiting, CancellationToken ct)
    {
        var scope = leased.Scope;
        var instance = scope.Instance;
        // A retry of an accepted request is answered the same whatever has happened since.
        if (leased.Duplicate) return CallStep<ResumeResult>.Discard(ResumeResult.Of(ResumeStatus.Duplicate, $"Signal '{idempotencyKey}' was already accepted."));
        if (!InstanceStatus.IsActive(instance.Status))
            return CallStep<ResumeResult>.Discard(ResumeResult.Of(ResumeStatus.Unknown, $"Instance {instance.Id} is {instance.Status.ToLowerInvariant()}; it waits for nothing."));
        var waiting = SignalInbox.FindWaiting(scope.State, bookmark, key);
        if (waiting is null && onlyIfWaiting)
            return CallStep<ResumeResult>.Discard(ResumeResult.Of(ResumeStatus.NotWaiting, $"Instance {instance.Id} does not wait on '{bookmark}/{key}' now; nothing was kept."));
        if (_inbox.Refusal(scope.Definition, bookmark, key, payload) is { } refusal) return CallStep<ResumeResult>.Discard(refusal);

        var signal = SignalInbox.Receive(instance.Id, bookmark, key, payload, idempotencyKey, scope.Actor, scope.Now);
        scope.Effects.NewSignals.Add(signal);
        if (waiting is null)
        {
            SignalInbox.Keep(scope, signal);
            return CallStep<ResumeResult>.Persist(ResumeResult.Of(ResumeStatus.NotYetWaiting, $"No bookmark '{bookmark}/{key}' yet; the signal is kept and applied when it appears."));
        }

        await _interpreter.ResumeActivityAsync(scope, waiting, SignalInbox.Consume(scope, signal, waiting), ct);
        return CallStep<ResumeResult>.Run(ResumeResult.Of(ResumeStatus.Applied, $"Resumed '{bookmark}/{key}'."));
    }

    /// <summary>Fires timers that are due by the runtime's clock; each fires once, even with several nodes polling.</summary>
    public async Task<int> FireDueTimersAsync(int max = 100, CancellationToken ct = default)
    {
        var due = await _store.DueTimersAsync(_time.GetUtcNow(), max, ct);
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
        _scope.RunAsync(instanceId, null, null, async (leased, ct) =>
        {
            var scope = leased.Scope;
            if (await _store.ClaimTimerAsync(leased.Session, timerId, scope.Now, _options.NodeId, ct) is not { } timer) return CallStep<bool>.Discard(false);
            var state = scope.State;
            scope.Journal(JournalKinds.TimerFired, timer.ActivityId, $"{timer.Tag} due {JournalInstant.Of(timer.DueAt)}", "timer");
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
                    await _interpreter.ResumeActivityAsync(scope, timer.ActivityId, new ResumeInput(ResumeKind.Timer, null, null, null, "timer", timer.Tag), ct);
                }
            }

            return CallStep<bool>.Run(true);
        }, NotLeased(false), ct);

    /// <summary>Runs a faulted instance's failed activity again (the incident is cleared); false if it is not faulted.</summary>
    public Task<bool> RetryAsync(Guid instanceId, string? actor = null, CancellationToken ct = default) =>
        _scope.RunAsync(instanceId, null, actor, (leased, _) =>
        {
            var scope = leased.Scope;
            var (instance, state) = (scope.Instance, scope.State);
            if (instance.Status != InstanceStatus.Faulted || state.Fault is null) return Task.FromResult(CallStep<bool>.Discard(false));
            scope.Journal(JournalKinds.RetryRequested, state.Fault.Item.ActivityId, $"after: {state.Fault.Reason}", actor);
            state.Queue.Insert(0, state.Fault.Item);
            state.Attempts.Remove(state.Fault.Item.ActivityId);
            state.Fault = null;
            instance.Incident = null;
            instance.Status = InstanceStatus.Running;
            return Task.FromResult(CallStep<bool>.Run(true));
        }, (_, _, _) => throw new WorkflowNotFoundException($"No workflow instance {instanceId}, or another node is running it now."), ct);

    /// <summary>
    /// Housekeeping that makes the system self-healing: clears leases whose node stopped answering and applies
    /// signals that were kept while an instance was leased.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var pending = await _store.SweepAsync(_time.GetUtcNow(), ct);
        var advanced = 0;
        foreach (var id in pending)
        {
            if (await _scope.RunAsync(id, null, null, (_, _) => Task.FromResult(CallStep<bool>.Run(true)), NotLeased(false), ct)) advanced++;
        }

        return advanced;
    }

    private static Func<WriteSession, DateTimeOffset, CancellationToken, Task<WriteOutcome<T>>> NotLeased<T>(T value) =>
        (_, _, _) => Task.FromResult(WriteOutcome<T>.Discarded(value));

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
            .SelectMany(type => _catalogue.Get(type).ValidateSettings(settings))
            .Distinct().ToList();
        if (problems.Count > 0) throw new WorkflowInputException(problems);
    }
}
