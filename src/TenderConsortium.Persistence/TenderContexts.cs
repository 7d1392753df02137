using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence;

/// <summary>
/// Where a store's database contexts come from: the node's database, each write in its own transaction, or, once
/// joined to a unit of work (<see cref="Join"/>), that unit's connection and transaction. One per node in DI; stores
/// take it in their constructor, so which transaction they write in is decided by whoever made them, never found
/// on the side.
/// </summary>
public sealed class TenderContexts(string connectionString, IUnitOfWork? unitOfWork = null)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The unit of work this store's writes belong to; null when each write commits on its own.</summary>
    public IUnitOfWork? UnitOfWork { get; } = unitOfWork;

    /// <summary>The same database, inside <paramref name="unit"/>: what is written commits when the unit does.</summary>
    public TenderContexts Join(IUnitOfWork unit) => new(ConnectionString, unit);

    /// <summary>A unit of work of its own, for a handler whose writes across several stores must commit together.</summary>
    public Task<TenderUnitOfWork> BeginUnitOfWorkAsync(CancellationToken cancellationToken = default) =>
        TenderUnitOfWork.BeginAsync(ConnectionString, cancellationToken);

    public TenderDbContext Open() => TenderDatabase.Open(ConnectionString, UnitOfWork);

    public Task<TenderWrite> BeginWriteAsync(TenderDbContext db, CancellationToken cancellationToken = default) =>
        TenderDatabase.BeginWriteAsync(db, UnitOfWork, cancellationToken);
}
