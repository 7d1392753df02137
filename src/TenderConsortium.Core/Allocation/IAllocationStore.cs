namespace TenderConsortium.Core.Allocation;

/// <summary>Keeps each opportunity's allocation rounds; the latest round is the current allocation.</summary>
public interface IAllocationStore
{
    Task SaveAsync(StoredAllocation allocation, CancellationToken cancellationToken = default);

    Task<StoredAllocation?> CurrentAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For rotation: per member, how many other opportunities since <paramref name="since"/> ended with it holding an
    /// accepted share.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> RecentAwardsAsync(DateTimeOffset since, string exceptOpportunityId, CancellationToken cancellationToken = default);
}
