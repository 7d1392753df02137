using Microsoft.EntityFrameworkCore;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// The one path every call on an instance takes, written once: open the call's write session, take the instance's
/// lease, load its row, state and definition, let the call act (deliver a signal, fire a timer, queue a retry), run
/// the burst, persist, commit. A crash anywhere before the commit leaves the instance as it was; the call returns
/// only once its writes are durable (see <see cref="IWritePath"/>).
/// </summary>
internal sealed class InstanceScope(
    IWritePath writes,
    InstanceStore store,
    DefinitionRegistry definitions,
    WorkflowInterpreter interpreter,
    ActivityCatalogue catalogue,
    WorkflowRuntimeOptions options,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>The instance as a call finds it once leased: <see cref="Scope"/> holds its row, state and definition.</summary>
    public sealed record Leased(WriteSession Session, ExecutionScope Scope, bool Duplicate);

    /// <summary>
    /// A new instance: nobody else knows its row yet, so there is no lease to take. <paramref name="begin"/> journals
    /// the start; the burst then runs to its first wait, and <paramref name="answer"/> tells the caller where it stands.
    /// </summary>
    public Task<T> StartAsync<T>(InstanceRecord instance, InstanceState state, WorkflowDefinition definition, string? actor,
        Action<ExecutionScope> begin, Func<ExecutionScope, T> answer, CancellationToken ct) =>
        writes.RunAsync(async (session, ct) =>
        {
            var scope = Open(session, instance, null, state, definition, instance.CreatedAt, actor);
            begin(scope);
            await interpreter.RunAsync(session, scope, ct);
            await store.PersistAsync(session, scope, ct);
            return WriteOutcome<T>.Kept(answer(scope));
        }, ct);

    /// <summary>
    /// A call on an existing instance. <paramref name="act"/> sees it leased and loaded and says what follows
    /// (<see cref="CallStep{T}"/>); <paramref name="notLeased"/> answers when the lease could not be taken (no such
    /// instance, or another node holds it).
    /// </summary>
    /// <param name="idempotencyKey">Asked about in the lease's round trip: <see cref="Leased.Duplicate"/> says whether a signal with it was already accepted.</param>
    public Task<T> RunAsync<T>(Guid instanceId, string? idempotencyKey, string? actor,
        Func<Leased, CancellationToken, Task<CallStep<T>>> act,
        Func<WriteSession, DateTimeOffset, CancellationToken, Task<WriteOutcome<T>>> notLeased,
        CancellationToken ct) =>
        writes.RunAsync(async (session, ct) =>
        {
            var now = time.GetUtcNow();
            var lease = await store.LeaseAsync(session, instanceId, options.NodeId, now, now + options.LeaseDuration, idempotencyKey, ct);
            if (lease.Instance is not { } instance) return await notLeased(session, now, ct);
            var definition = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            var scope = Open(session, instance, lease.Original, InstanceState.Deserialize(instance.State), definition, now, actor);
            var step = await act(new Leased(session, scope, lease.Duplicate), ct);
            if (step.Then == CallThen.Discard) return WriteOutcome<T>.Discarded(step.Value);
            if (step.Then == CallThen.RunAndPersist) await interpreter.RunAsync(session, scope, ct);
            await store.PersistAsync(session, scope, ct);
            return WriteOutcome<T>.Kept(step.Value);
        }, ct);

    /// <remarks>The scope carries the call's unit of work (see <see cref="WorkflowUnitOfWork"/>), handed to every activity.</remarks>
    /// <param name="original">The instance row as read (null for a new instance): what changed is what is written.</param>
    private ExecutionScope Open(WriteSession session, InstanceRecord instance, InstanceRecord? original, InstanceState state,
        WorkflowDefinition definition, DateTimeOffset now, string? actor) =>
        new(instance, state, definition, catalogue, options, services, now, actor)
        {
            Original = original,
            UnitOfWork = new WorkflowUnitOfWork(session.Metadata.Database.GetDbConnection(), session.Transaction),
        };
}
