namespace TenderConsortium.Core.Delivery;

/// <summary>Contracts in delivery, one per won bid. Inside a workflow burst a store's writes commit with the instance.</summary>
public interface IDeliveryStore
{
    Task<DeliveryContract?> FindAsync(string contractId, CancellationToken cancellationToken = default);

    Task<DeliveryContract?> FindByOpportunityAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>The consortium's contracts (all when null), newest first.</summary>
    Task<IReadOnlyList<DeliveryContract>> ListAsync(string? consortiumId, CancellationToken cancellationToken = default);

    /// <summary>Every contract a member delivers in.</summary>
    Task<IReadOnlyList<DeliveryContract>> ForMemberAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Adds a contract; false, writing nothing, when the bid already has one (also under a race).</summary>
    Task<bool> TryAddAsync(DeliveryContract contract, CancellationToken cancellationToken = default);

    /// <summary>Saves the contract's changes; refuses with a conflict when someone else saved it first.</summary>
    Task SaveAsync(DeliveryContract contract, CancellationToken cancellationToken = default);
}
