using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// Signals on their way to an instance: whether the definition accepts one at all, whether the instance waits for it
/// now, and the signals kept for later (received before their bookmark existed, or while another node held the
/// instance) until the burst that finds their bookmark applies them, oldest first.
/// </summary>
internal sealed class SignalInbox(ActivityCatalogue catalogue, InstanceStore store)
{
    private readonly ConditionalWeakTable<WorkflowDefinition, ILookup<string, BookmarkDeclaration>> _declarations = new();

    /// <summary>Unknown or Invalid when the definition cannot take this signal at all; null when it can.</summary>
    public ResumeResult? Refusal(WorkflowDefinition definition, string bookmark, string key, JsonNode? payload)
    {
        var declarations = Declarations(definition, bookmark);
        if (declarations.Count == 0)
            return ResumeResult.Of(ResumeStatus.Unknown, $"No activity of '{definition.Id}' waits on a bookmark named '{bookmark}'.");
        if (declarations.All(d => d.LiteralKey is not null && d.LiteralKey != key))
            return ResumeResult.Of(ResumeStatus.Unknown, $"Bookmark '{bookmark}' has no key '{key}' in '{definition.Id}'.");
        var problems = declarations.Select(d => d.Payload.Validate(payload)).OrderBy(p => p.Count).First();
        return problems.Count > 0 ? new ResumeResult(ResumeStatus.Invalid, $"The payload for '{bookmark}' is not valid.", problems) : null;
    }

    /// <summary>The activity waiting on this bookmark now, or null.</summary>
    public static string? FindWaiting(InstanceState state, string bookmark, string key) =>
        state.Waiting.FirstOrDefault(w => w.Value.Bookmarks.Any(b => b.Name == bookmark && b.Key == key)).Key;

    public static SignalRecord Receive(Guid instanceId, string bookmark, string key, JsonNode? payload, string idempotencyKey, string? actor,
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

    /// <summary>Keeps a signal received in this call for when its bookmark appears (it is written with the burst).</summary>
    public static void Keep(ExecutionScope scope, SignalRecord signal)
    {
        scope.Instance.PendingSignals++;
        scope.Journal(JournalKinds.SignalKept, null, $"{signal.Bookmark}/{signal.Key} kept until the bookmark exists", signal.Actor);
    }

    /// <summary>
    /// Consumes the bookmark <paramref name="activityId"/> waits on for <paramref name="signal"/>: the signal is applied,
    /// the bookmark goes, and the activity is to be resumed with what this returns.
    /// </summary>
    public static ResumeInput Consume(ExecutionScope scope, SignalRecord signal, string activityId)
    {
        signal.Status = SignalStatus.Applied;
        signal.AppliedAt = scope.Now;
        var wait = scope.State.Waiting[activityId];
        var reference = new BookmarkRef(signal.Bookmark, signal.Key);
        wait.Bookmarks.Remove(reference);
        scope.Effects.RemoveBookmark(reference);
        scope.Journal(JournalKinds.Resumed, activityId, $"{signal.Bookmark}/{signal.Key} ({signal.IdempotencyKey})", signal.Actor);
        var payload = signal.Payload is null ? null : JsonNode.Parse(signal.Payload);
        return new ResumeInput(ResumeKind.Signal, signal.Bookmark, signal.Key, payload, signal.Actor, null);
    }

    /// <summary>The oldest kept signal whose bookmark now exists, consumed; null when there is none.</summary>
    public async Task<(string ActivityId, ResumeInput Input)?> NextKeptAsync(WriteSession session, ExecutionScope scope, CancellationToken ct)
    {
        if (scope.Instance.PendingSignals <= 0 || scope.State.Waiting.Count == 0) return null;
        var kept = await store.KeptSignalsAsync(session, scope.Instance.Id, ct);
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
            return (waiting, Consume(scope, signal, waiting));
        }

        return null;
    }

    /// <summary>For an instance another node is running outside a transaction: the signal waits for it or the sweeper.</summary>
    public async Task<WriteOutcome<ResumeResult>> KeepWhileBusyAsync(WriteSession session, SignalRecord signal, CancellationToken ct)
    {
        if (await store.HasSignalAsync(session, signal.InstanceId, signal.IdempotencyKey, ct))
            return WriteOutcome<ResumeResult>.Discarded(ResumeResult.Of(ResumeStatus.Duplicate, $"Signal '{signal.IdempotencyKey}' was already accepted."));
        await store.KeepSignalAsync(session, signal, ct);
        return WriteOutcome<ResumeResult>.Kept(ResumeResult.Of(ResumeStatus.NotYetWaiting, "The instance is busy on another node; the signal is kept and applied next."));
    }

    /// <summary>
    /// What each bookmark name of a definition accepts, worked out once per definition version: every resume asks,
    /// and parsing each node's payload schema on the hot path would repeat the same work.
    /// </summary>
    private IReadOnlyList<BookmarkDeclaration> Declarations(WorkflowDefinition definition, string bookmark)
    {
        var byName = _declarations.GetValue(definition, d => d.Activities
            .SelectMany(a => catalogue.Get(a.Type).Descriptor.Bookmarks?.Invoke(a) ?? [])
            .ToLookup(b => b.Name, StringComparer.Ordinal));
        return byName[bookmark].ToList();
    }
}
