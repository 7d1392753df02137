namespace TenderConsortium.Core.Allocation;

/// <summary>Keeps each opportunity's allocation rounds; the latest round is the current allocation.</summary>
public interface IAllocationStore
{
    Task SaveAsync(StoredAllocation allocation, CancellationToken cancellationToken = default);

    Task<StoredAllocation?> CurrentAsync(string opportunityId, CancellationToken cancellationToken = default);
}
