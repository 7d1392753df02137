using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Allocation.Rerun;

/// <summary>
/// The lead works the shares out again from the latest declarations (a member reopened and answered late, say),
/// keeping the shares it set itself; the result is a new round still waiting for approval. Refused as a conflict before
/// there is an allocation or once it was approved.
/// </summary>
public sealed class RerunAllocationHandler(BidOpportunities opportunities, IAllocationStore allocations, AllocationService service, BidSignals signals)
{
    public async Task<StoredAllocation> HandleAsync(RerunAllocation command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var current = await allocations.CurrentAsync(id, cancellationToken) ?? throw AllocationService.NoAllocation(opportunity.Title);
        await AllocationDecisions.RequireWaitingAsync(signals, id, current, "re-run the allocation", cancellationToken);
        return await service.RerunAsync(id, command.Actor, cancellationToken);
    }
}
