using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Start;

/// <summary>
/// Starts delivery of a won bid: the contract's terms are fixed from what was awarded (each member's sub-contracted
/// lots, volumes and agreed prices, the social value it committed to), the periods are cut from the notice's
/// contract period, and the contract-delivery workflow starts watching payments. Starting again returns the same
/// contract (and starts its workflow if a crash stopped the first start before it). The award starts delivery by
/// itself (the bid workflow's StartDelivery step, monthly with a 5% fee); this door is for starting it by hand.
/// </summary>
public sealed class StartDeliveryHandler(
    BidOpportunities opportunities,
    DeliveryContractPlanner planner,
    IDeliveryStore store,
    DeliveryWatch watch,
    TimeProvider time)
{
    public const string WorkflowId = DeliveryWatch.WorkflowId;

    public async Task<DeliveryStarted> HandleAsync(StartDelivery command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var replayed = true;
        var contract = await store.FindByOpportunityAsync(id, cancellationToken);
        if (contract is null)
        {
            replayed = false;
            contract = await planner.PlanAsync(id, opportunity, command.PeriodLength, command.ManagementFeeRate, command.ContractEnd, time.GetUtcNow(), command.Actor,
                cancellationToken);
            if (!await store.TryAddAsync(contract, cancellationToken)) replayed = true;
            contract = (await store.FindByOpportunityAsync(id, cancellationToken))!;
        }

        // The workflow's first step records itself on the contract (see WatchContractDeliveryActivity).
        var instance = await watch.EnsureAsync(contract, command.Settings, command.Actor, cancellationToken);
        return new DeliveryStarted(contract.Id, id, contract.Title, contract.Periods.Count, contract.Members.Count, instance, replayed);
    }
}
