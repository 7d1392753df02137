using System.Text.Json.Nodes;
using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Workflows;

namespace TenderConsortium.Application.Delivery.Start;

/// <summary>
/// Starts delivery of a won bid: the contract's terms are fixed from what was awarded (each member's sub-contracted
/// lots, volumes and agreed prices, the social value it committed to), the periods are cut from the notice's
/// contract period, and the contract-delivery workflow starts watching payments. Starting again returns the same
/// contract (and starts its workflow if a crash stopped the first start before it).
/// </summary>
public sealed class StartDeliveryHandler(
    BidOpportunities opportunities,
    IBidStore bids,
    IAllocationStore allocations,
    IDeclarationStore declarations,
    IMemberDirectory members,
    IDeliveryStore store,
    WorkflowRuntime runtime,
    TimeProvider time)
{
    public const string WorkflowId = "contract-delivery";

    public async Task<DeliveryStarted> HandleAsync(StartDelivery command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var replayed = true;
        var contract = await store.FindByOpportunityAsync(id, cancellationToken);
        if (contract is null)
        {
            replayed = false;
            contract = await NewContractAsync(id, opportunity, command, cancellationToken);
            if (!await store.TryAddAsync(contract, cancellationToken)) replayed = true;
            contract = (await store.FindByOpportunityAsync(id, cancellationToken))!;
        }

        if (contract.InstanceId is not { } instance)
        {
            var variables = new JsonObject { ["contractId"] = contract.Id, ["opportunityId"] = id };
            var settings = command.Settings?.DeepClone().AsObject() ?? new JsonObject();
            if (contract.LeadEmail is { } lead && !settings.ContainsKey("leadEmail")) settings["leadEmail"] = lead;
            instance = (await runtime.StartAsync(WorkflowId, variables, settings, correlationId: contract.Id, actor: command.Actor, ct: cancellationToken)).InstanceId;
            contract.AttachInstance(instance);
            await store.SaveAsync(contract, cancellationToken);
        }

        return new DeliveryStarted(contract.Id, id, contract.Title, contract.Periods.Count, contract.Members.Count, instance, replayed);
    }

    private async Task<DeliveryContract> NewContractAsync(string id, Opportunity opportunity, StartDelivery command, CancellationToken cancellationToken)
    {
        var bid = await bids.FindAsync(id, cancellationToken)
                  ?? throw new ProblemException("opportunity", ProblemCode.Conflict, "this opportunity has no bid; delivery follows an award");
        if (bid.Status != BidStatus.Won)
            throw new ProblemException("opportunity", ProblemCode.Conflict, "the buyer has not awarded this bid any lot; delivery starts after the award");
        if (bid.Subcontracts.Count == 0)
            throw new ProblemException("opportunity", ProblemCode.Conflict, "no sub-contracts have been issued yet; delivery starts once they are");
        var allocation = await allocations.CurrentAsync(id, cancellationToken)
                         ?? throw new ProblemException("opportunity", ProblemCode.Conflict, "this bid has no allocation to deliver");
        var awarded = bid.Outcomes.Where(o => o.Awarded).Select(o => o.LotId).ToHashSet(StringComparer.Ordinal);
        var declared = (await declarations.LatestAsync(id, cancellationToken)).ToDictionary(d => d.MemberId);
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
        if (command.ContractEnd is { } end)
            period = (period ?? new ContractPeriod(null, null, null)) with { End = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };
        var today = DeliveryContracts.Today(time);
        var periods = DeliveryPeriods.Plan(period, command.PeriodLength, today);
        var paymentDays = bid.Subcontracts.Select(s => s.PaymentDays).Where(d => d > 0).DefaultIfEmpty(30).Min();
        return DeliveryContract.Start(bid.Id, id, bid.ConsortiumId, opportunity.Title, opportunity.Buyer.Name, bid.LeadEmail, command.PeriodLength, periods,
            contractMembers, command.ManagementFeeRate, paymentDays, time.GetUtcNow(), command.Actor);
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
