using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Application.Delivery.Capacity;

/// <summary>
/// The capacity ledger across bids, built from what is stored (declarations and allocations of live bids, contracts
/// in delivery) rather than kept as a copy that could drift: for each member and month, what it declared, what it is
/// allocated in bids not yet decided, and what it is contracted for. The lead sees it before approving an allocation
/// (who would be over-committed if every pending bid were won); a member sees its own.
/// </summary>
public sealed class ShowCapacityHandler(IBidStore bids, IAllocationStore allocations, IDeclarationStore declarations, IDeliveryStore contracts, IMatchingSource opportunities,
    TimeProvider time)
{
    public async Task<IReadOnlyList<CapacityLedger>> HandleAsync(ShowCapacity query, CancellationToken cancellationToken = default)
    {
        var entries = new List<CapacityEntry>();
        var today = DeliveryContracts.Today(time);
        foreach (var bid in await bids.ListAsync(query.ConsortiumId, cancellationToken))
        {
            if (bid.Status is not (BidStatus.InPreparation or BidStatus.Submitted)) continue;
            if (await allocations.CurrentAsync(bid.OpportunityId, cancellationToken) is not { } allocation) continue;
            var found = await opportunities.FindOpportunityAsync(bid.OpportunityId, cancellationToken);
            if (found is null) continue;
            var opportunity = found.Value.Opportunity;
            foreach (var lot in allocation.Result.Lots)
            {
                var (from, to) = Span(opportunity.Lots.FirstOrDefault(l => l.Id == lot.LotId)?.ContractPeriod ?? opportunity.ContractPeriod, today);
                foreach (var share in lot.Shares.Where(s => s.Volume > 0))
                    entries.Add(new CapacityEntry(share.MemberId, share.MemberName, bid.OpportunityId, opportunity.Title, CapacityKind.Allocated, lot.Unit, share.Volume, from, to));
                foreach (var declaration in await declarations.LatestAsync(bid.OpportunityId, cancellationToken))
                {
                    if (declaration.Lot(lot.LotId) is not { } offer) continue;
                    var name = lot.Shares.FirstOrDefault(s => s.MemberId == declaration.MemberId)?.MemberName ?? declaration.MemberId;
                    entries.Add(new CapacityEntry(declaration.MemberId, name, bid.OpportunityId, opportunity.Title, CapacityKind.Declared, lot.Unit, offer.Volume, from, to));
                }
            }
        }

        foreach (var contract in await contracts.ListAsync(query.ConsortiumId, cancellationToken))
        {
            var (from, to) = (contract.Periods[0].Start, contract.Periods[^1].End);
            foreach (var member in contract.Members)
            foreach (var line in member.Lines)
                entries.Add(new CapacityEntry(member.MemberId, member.Name, contract.OpportunityId, contract.Title, CapacityKind.Contracted, line.Unit, line.Volume, from, to));
        }

        if (query.Opportunity is { } bidFor)
        {
            var id = (await opportunities.FindOpportunityAsync(bidFor, cancellationToken))?.Id ?? bidFor;
            var sharing = (await allocations.CurrentAsync(id, cancellationToken))?.Result.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId)
                .ToHashSet(StringComparer.Ordinal) ?? [];
            entries = entries.Where(e => sharing.Contains(e.MemberId)).ToList();
        }

        if (query.Member is { } wanted) entries = entries.Where(e => e.MemberId == wanted || string.Equals(e.MemberName, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var ledgers = CapacityLedger.Build(entries);
        return query.OverCommittedOnly
            ? ledgers.Where(l => l.OverCommittedMonths.Count > 0).Select(l => l with { Months = l.OverCommittedMonths }).ToList()
            : ledgers;
    }

    /// <summary>The lot's contract period; a year from today when the notice gives none.</summary>
    private static (DateOnly From, DateOnly To) Span(ContractPeriod? period, DateOnly today)
    {
        var from = period?.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : today;
        var to = period?.End is { } e ? DateOnly.FromDateTime(e.UtcDateTime)
            : period?.DurationInDays is { } d and > 0 ? from.AddDays(d - 1) : from.AddYears(1).AddDays(-1);
        return (from, to < from ? from : to);
    }
}
