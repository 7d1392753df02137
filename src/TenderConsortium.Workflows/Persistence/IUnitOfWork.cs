using System.Data.Common;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// One database transaction that several writers share, handed to them explicitly: the runtime makes one per call on
/// an instance and gives it to the activities through their context, so that what an activity writes to other
/// tables of the same database commits (or is lost) together with the instance state, its bookmarks, timers and
/// emails. Stores opened on it use its connection and never commit it themselves.
/// </summary>
public interface IUnitOfWork
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    /// <summary>Called by a store before it writes: marks where a failing activity's writes roll back to.</summary>
    Task BeforeWriteAsync(CancellationToken cancellationToken = default);
}
