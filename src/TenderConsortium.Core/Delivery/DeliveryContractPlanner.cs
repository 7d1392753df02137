using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// Fixes a won bid's delivery terms from what was awarded: each member's sub-contracted lots, volumes and agreed
/// prices (from the allocation), the social value it committed to (from its declaration), the payment days of its
/// sub-contract, and the periods cut from the notice's contract period. One place for both ways delivery starts:
/// the award in the bid workflow, and <c>tender delivery start</c> by hand.
/// </summary>
public sealed class DeliveryContractPlanner(IBidStore bids, IAllocationStore allocations, IDeclarationStore declarations, IMemberDirectory members)
{
    /// <param name="contractEnd">The contract's last day, when the notice gives no end or duration.</param>
    public async Task<DeliveryContract> PlanAsync(string opportunityId, Opportunity opportunity, PeriodLength length, decimal managementFeeRate, DateOnly? contractEnd,
        DateTimeOffset now, string actor, CancellationToken cancellationToken = default)
    {
        var bid = await bids.FindAsync(opportunityId, cancellationToken)
                  ?? throw new ProblemException("opportunity", ProblemCode.Conflict, "this opportunity has no bid; delivery follows an award");
        if (bid.Status != BidStatus.Won)
            throw new ProblemException("opportunity", ProblemCode.Conflict, "the buyer has not awarded this bid any lot; delivery starts after the award");
        if (bid.Subcontracts.Count == 0)
            throw new ProblemException("opportunity", ProblemCode.Conflict, "no sub-contracts have been issued yet; delivery starts once they are");
        var allocation = await allocations.CurrentAsync(opportunityId, cancellationToken)
                         ?? throw new ProblemException("opportunity", ProblemCode.Conflict, "this bid has no allocation to deliver");
        var awarded = bid.Outcomes.Where(o => o.Awarded).Select(o => o.LotId).ToHashSet(StringComparer.Ordinal);
        var declared = (await declarations.LatestAsync(opportunityId, cancellationToken)).ToDictionary(d => d.MemberId);
        var directory = await members.FindAsync(bid.Subcontracts.Select(s => s.MemberId), cancellationToken);
        var contractMembers = new List<ContractMember>();
        foreach (var subcontract in bid.Subcontracts)
        {
            var lines = allocation.Result.Lots.Where(l => awarded.Contains(l.LotId))
                .SelectMany(l => l.Shares.Where(s => s.MemberId == subcontract.MemberId && s.Volume > 0)
                    .Select(s => new ContractLine(l.LotId, l.Title, l.Unit, s.Volume, decimal.Round(s.Value / s.Volume, 4))))
                .ToList();
            if (lines.Count == 0) continue;
            var email = directory.GetValueOrDefault(subcontract.MemberId)?.Contacts.FirstOrDefault()?.Email;
            contractMembers.Add(new ContractMember(subcontract.MemberId, subcontract.MemberName, email, lines,
                Commitments(declared.GetValueOrDefault(subcontract.MemberId), lines.Select(l => l.LotId).ToHashSet())));
        }

        var period = opportunity.ContractPeriod ?? opportunity.Lots.FirstOrDefault(l => awarded.Contains(l.Id))?.ContractPeriod;
        if (contractEnd is { } end)
            period = (period ?? new ContractPeriod(null, null, null)) with { End = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };
        var periods = DeliveryPeriods.Plan(period, length, DateOnly.FromDateTime(now.UtcDateTime));
        var paymentDays = bid.Subcontracts.Select(s => s.PaymentDays).Where(d => d > 0).DefaultIfEmpty(30).Min();
        return DeliveryContract.Start(bid.Id, opportunityId, bid.ConsortiumId, opportunity.Title, opportunity.Buyer.Name, bid.LeadEmail, length, periods,
            contractMembers, managementFeeRate, paymentDays, now, actor);
    }

    /// <summary>
    /// What the member committed to, counted once: the same promise copied into several of its lots (same measure,
    /// quantity, unit and note) is one promise, as in the bid pack's social value section; different promises add up.
    /// </summary>
    private static IReadOnlyList<SocialValueCommitment> Commitments(CapacityDeclaration? declaration, IReadOnlySet<string> lots) =>
        declaration is null
            ? []
            : declaration.Lots.Where(l => lots.Contains(l.LotId)).SelectMany(l => l.SocialValue)
                .DistinctBy(c => (Measure: c.MeasureId.Trim().ToUpperInvariant(), c.Quantity, Unit: c.Unit.Trim(), Note: c.Note?.Trim()))
                .GroupBy(c => c.MeasureId.Trim().ToUpperInvariant())
                .Select(g => new SocialValueCommitment(g.Key, g.Sum(c => c.Quantity), g.First().Unit.Trim()))
                .ToList();
}
