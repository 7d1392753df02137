namespace TenderConsortium.Core.Bids;

/// <summary>The bids, one per opportunity. Inside a workflow burst a store's writes commit with the instance.</summary>
public interface IBidStore
{
    Task<Bid?> FindAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>The consortium's bids (all consortia when null), newest first.</summary>
    Task<IReadOnlyList<Bid>> ListAsync(string? consortiumId, CancellationToken cancellationToken = default);

    /// <summary>Adds a new bid; false, writing nothing, when the opportunity already has one (also under a race).</summary>
    Task<bool> TryAddAsync(Bid bid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The opportunity's bid, adopting the given workflow instance as its bid when there is none yet (a workflow
    /// started before bids were kept, or by a script straight on the runtime), so its facts are never dropped.
    /// </summary>
    Task<Bid> EnsureAsync(string opportunityId, Guid instanceId, string workflowId, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>Removes a bid whose workflow never started (the start was refused), so nothing is half-written.</summary>
    Task RemoveUnstartedAsync(string bidId, CancellationToken cancellationToken = default);

    /// <summary>Saves the bid's changes; refuses with a conflict when someone else saved it first.</summary>
    Task SaveAsync(Bid bid, CancellationToken cancellationToken = default);
}
