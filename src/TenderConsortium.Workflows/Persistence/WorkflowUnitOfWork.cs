using System.Data.Common;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The unit of work of one call on an instance: its write session's connection and transaction. The instance scope
/// makes it and hands it to each activity through <c>ActivityContext.UnitOfWork</c>; an activity that fails is
/// rolled back to a savepoint taken before its first write through it.
/// </summary>
public sealed class WorkflowUnitOfWork : IUnitOfWork
{
    private const string Savepoint = "tender_activity";
    private bool _savepointTaken;

    internal WorkflowUnitOfWork(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public async Task BeforeWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_savepointTaken || !Transaction.SupportsSavepoints) return;
        await Transaction.SaveAsync(Savepoint, cancellationToken);
        _savepointTaken = true;
    }

    internal void BeginActivity() => _savepointTaken = false;

    internal async Task RollBackActivityAsync()
    {
        if (!_savepointTaken) return;
        _savepointTaken = false;
        await Transaction.RollbackAsync(Savepoint);
    }
}
