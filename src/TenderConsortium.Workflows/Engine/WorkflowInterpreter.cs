using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// Runs a burst: the instance's queued activities one after another, following their outcomes, until every branch
/// waits or ends, then any kept signal whose bookmark now exists, and so on. It only changes the scope's state and
/// effects in memory; the instance scope around it loads before and writes after.
/// </summary>
internal sealed class WorkflowInterpreter(
    ActivityCatalogue catalogue,
    SignalInbox inbox,
    WorkflowRuntimeOptions options,
    IServiceProvider services,
    ILogger logger)
{
    public async Task RunAsync(WriteSession session, ExecutionScope scope, CancellationToken ct)
    {
        var state = scope.State;
        while (true)
        {
            while (state.Queue.Count > 0 && state.Fault is null && scope.Instance.Status != InstanceStatus.Finished)
            {
                if (++scope.Steps > options.MaxStepsPerBurst)
                {
                    await FaultAsync(scope, state.Queue[0], $"more than {options.MaxStepsPerBurst} steps without waiting");
                    break;
                }

                var item = state.Queue[0];
                state.Queue.RemoveAt(0);
                await ExecuteAsync(scope, item, ct);
            }

            if (state.Fault is not null || scope.Instance.Status == InstanceStatus.Finished) break;
            if (await inbox.NextKeptAsync(session, scope, ct) is not { } kept) break;
            await ResumeActivityAsync(scope, kept.ActivityId, kept.Input, ct);
        }
    }

    /// <summary>Hands a waiting activity what it waited for (a signal, a timer) and follows its result.</summary>
    public async Task ResumeActivityAsync(ExecutionScope scope, string activityId, ResumeInput input, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var node = scope.Definition.Activity(activityId);
        var activity = catalogue.Get(node.Type);
        var context = new ActivityContext(scope, node, null);
        var checkpoint = scope.Effects.Checkpoint();
        ActivityResult result;
        scope.UnitOfWork.BeginActivity();
        try
        {
            result = await activity.ResumeAsync(context, input);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await scope.UnitOfWork.RollBackActivityAsync();
            scope.Effects.RollBack(checkpoint);
            await OnActivityFailedAsync(scope, new WorkItem(activityId, null), ex);
            return;
        }

        context.CommitVariables();
        Complete(scope, node, result);
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
        scope.UnitOfWork.BeginActivity();
        try
        {
            result = await activity.ExecuteAsync(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await scope.UnitOfWork.RollBackActivityAsync();
            scope.Effects.RollBack(checkpoint);
            scope.State.Waiting.Remove(node.Id);
            await OnActivityFailedAsync(scope, item, ex);
            return;
        }

        context.CommitVariables();
        scope.State.Attempts.Remove(node.Id);
        Complete(scope, node, result);
    }

    private static void Complete(ExecutionScope scope, ActivityNode node, ActivityResult result)
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
        if (attempts >= options.MaxActivityAttempts)
        {
            await FaultAsync(scope, item, ex.Message);
            return;
        }

        var delay = options.RetryBaseDelay * Math.Pow(2, attempts - 1);
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
        scope.Journal(JournalKinds.ActivityFaulted, item.ActivityId, $"attempt {attempts} failed: {ex.Message}; retry at {JournalInstant.Of(due)}", null);
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
        foreach (var bookmark in wait.Bookmarks) scope.Effects.RemoveBookmark(bookmark);
        foreach (var timer in wait.Timers) scope.Effects.CancelTimer(timer.Id);
    }

    private static string Describe(InstanceState state, string activityId)
    {
        if (!state.Waiting.TryGetValue(activityId, out var wait)) return "";
        var parts = wait.Bookmarks.Select(b => $"bookmark {b.Name}/{b.Key}")
            .Concat(wait.Timers.Select(t => $"timer until {JournalInstant.Of(t.DueAt)}"));
        return string.Join("; ", parts);
    }
}
