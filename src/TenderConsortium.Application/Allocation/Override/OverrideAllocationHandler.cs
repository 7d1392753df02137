using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Allocation.Override;

/// <summary>
/// The lead sets members' shares itself, each with a reason the journal records and the member sees; the rest of the
/// lots is re-optimised around them as a new round. Every check is made here, before the workflow hears of it, so a
/// refusal names the share's field (<c>overrides[0].volume</c>) in words a lead can act on, and nothing changes.
/// </summary>
public sealed class OverrideAllocationHandler(BidOpportunities opportunities, IAllocationStore allocations, IDeclarationStore declarations, IInvitationStore invitations,
    AllocationPlanner planner, AllocationService service, BidSignals signals, TimeProvider time)
{
    public async Task<StoredAllocation> HandleAsync(OverrideAllocation command, CancellationToken cancellationToken = default)
    {
        var (id, opportunity) = await opportunities.FindAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var current = await allocations.CurrentAsync(id, cancellationToken) ?? throw AllocationService.NoAllocation(opportunity.Title);
        await AllocationDecisions.RequireWaitingAsync(signals, id, current, "set shares", cancellationToken);
        var latest = (await declarations.LatestAsync(id, cancellationToken)).ToDictionary(d => d.MemberId, StringComparer.Ordinal);
        var names = (await invitations.ListAsync(id, cancellationToken)).ToDictionary(i => i.MemberId, i => i.MemberName, StringComparer.Ordinal);
        var problems = Check(command.Overrides, current.Result, latest, names);
        if (problems.Count > 0) throw new ProblemException(problems);

        // What is left to check needs the whole picture (all pins of a lot together, a member's overall capacity):
        // solve once as the workflow will, and refuse with the solver's words before anything is sent.
        var pins = current.Result.Overrides.Where(o => !command.Overrides.Any(n => n.MemberId == o.MemberId && n.LotId == o.LotId)).Concat(command.Overrides).ToList();
        try
        {
            await planner.SolveAsync(id, null, null, time.GetUtcNow(), pins, current.Result.WithdrawnMemberIds, cancellationToken);
        }
        catch (ProblemException ex)
        {
            throw new ProblemException(ex.Items.Select(p => p with { Path = "overrides" }).ToList());
        }

        return await service.OverrideAsync(id, command.Overrides, command.Actor, cancellationToken);
    }

    private static List<Problem> Check(IReadOnlyList<ShareOverride> overrides, AllocationResult result, IReadOnlyDictionary<string, CapacityDeclaration> latest,
        IReadOnlyDictionary<string, string> names)
    {
        var problems = new List<Problem>();
        if (overrides.Count == 0)
            problems.Add(new Problem("overrides", ProblemCode.Invalid, "Choose the member and lot whose share you set"));
        var lots = string.Join(" or ", result.Lots.Select(l => l.LotId).OrderBy(l => long.TryParse(l, out var n) ? n : long.MaxValue).ThenBy(l => l, StringComparer.Ordinal));
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < overrides.Count; i++)
        {
            var o = overrides[i];
            var at = $"overrides[{i}]";
            var lot = result.Lots.FirstOrDefault(l => l.LotId == o.LotId);
            if (lot is null)
            {
                problems.Add(new Problem($"{at}.lotId", ProblemCode.Invalid, $"There is no lot {o.LotId}; choose lot {lots}"));
                continue;
            }

            var name = names.GetValueOrDefault(o.MemberId) ?? result.Lots.SelectMany(l => l.Shares).FirstOrDefault(s => s.MemberId == o.MemberId)?.MemberName
                ?? $"Member {o.MemberId}";
            var offer = latest.TryGetValue(o.MemberId, out var d) && !d.Declined ? d.Lot(o.LotId) : null;
            if (!seen.Add((o.MemberId, o.LotId)))
                problems.Add(new Problem(at, ProblemCode.Invalid, $"{name}'s share of lot {o.LotId} is set twice; set it once"));
            if (offer is null)
                problems.Add(new Problem($"{at}.memberId", ProblemCode.Invalid, $"{name} made no offer for lot {o.LotId}; choose a member that declared for it"));
            else if (o.Volume < 0 || o.Volume > offer.Volume)
                problems.Add(new Problem($"{at}.volume", ProblemCode.Invalid,
                    $"Enter a share for {name} in lot {o.LotId} from 0 to {DeclarationWords.Amount(lot.Unit, offer.Volume)}, which is what it declared"));
            else if (o.Volume > lot.Demand)
                problems.Add(new Problem($"{at}.volume", ProblemCode.Invalid,
                    $"Enter a share for {name} in lot {o.LotId} of no more than {DeclarationWords.Amount(lot.Unit, lot.Demand)}, which is all the lot needs"));
            if (string.IsNullOrWhiteSpace(o.Reason))
                problems.Add(new Problem($"{at}.reason", ProblemCode.Invalid, "Enter why you set this share; the consortium records it and the member sees it"));
            else if (o.Reason.Trim().Length > 2000)
                problems.Add(new Problem($"{at}.reason", ProblemCode.Invalid, "Keep the reason to 2,000 characters or fewer"));
        }

        return problems;
    }
}
