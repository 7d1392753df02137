using System.Data.Common;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The transaction of the burst running on this async flow. Stores that activities call open their contexts on its
/// connection and join it, so what an activity writes to other tables of the same database commits (or is lost)
/// together with the instance state, its bookmarks, timers and emails: an invitation row exists exactly when its
/// email is queued. An activity that fails is rolled back to a savepoint taken before its first such write.
/// </summary>
public sealed class WorkflowTransaction
{
    private const string Savepoint = "tender_activity";
    private static readonly AsyncLocal<WorkflowTransaction?> Slot = new();
    private bool _savepointTaken;

    private WorkflowTransaction(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The burst's transaction on this flow, or null outside a burst.</summary>
    public static WorkflowTransaction? Current => Slot.Value;

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>Called by a store before it writes: marks where a failing activity's writes roll back to.</summary>
    public async Task BeforeWriteAsync(CancellationToken ct = default)
    {
        if (_savepointTaken || !Transaction.SupportsSavepoints) return;
        await Transaction.SaveAsync(Savepoint, ct);
        _savepointTaken = true;
    }

    internal static WorkflowTransaction? Enter(DbConnection connection, DbTransaction? transaction)
    {
        Slot.Value = transaction is null ? null : new WorkflowTransaction(connection, transaction);
        return Slot.Value;
    }

    internal void BeginActivity() => _savepointTaken = false;

    internal async Task RollBackActivityAsync()
    {
        if (!_savepointTaken) return;
        _savepointTaken = false;
        await Transaction.RollbackAsync(Savepoint);
    }
}
