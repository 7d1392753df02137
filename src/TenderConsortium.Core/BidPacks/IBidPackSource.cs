using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Loads what a bid pack is made from: the opportunity, its members, their latest declarations, the current
/// allocation and the lots' terms. Null when no opportunity has that id or OCID.
/// </summary>
public interface IBidPackSource
{
    Task<BidPackInput?> LoadAsync(string opportunityIdOrOcid, ConsortiumProfile profile, AllocationRules rules, DateOnly asOf,
        CancellationToken cancellationToken = default);
}
