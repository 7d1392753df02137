using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Splits every lot's demand among the offers <b>exactly</b> for the objective of <see cref="AllocationObjective"/>:
/// cover as much demand as possible, then meet micro floors, then minimise the weighted cost, as one min-cost flow.
/// <code>
///   lot (supply = demand) ──convex offer edge, capacity = min(declared, cap)──▶ member ──overall capacity──▶ sink
///   lot ──gap edge, cost M_gap per unit──▶ sink
/// </code>
/// The offer edge's cost per unit rises step by step with the member's share of the lot (concentration), and its
/// first units, up to a micro member's floor, carry the bonus −M_floor. Convex edge costs make min-cost flow exact
/// for this objective. Uncovered demand flows down the gap edge and is reported, never raised.
/// Ties are broken by a fixed order (lots as given, members by id), so the same problem gives the same answer.
/// </summary>
public sealed class AllocationSolver
{
    private readonly AllocationRules _rules;

    public AllocationSolver(AllocationRules? rules = null) => _rules = rules ?? AllocationRules.Default;

    /// <summary>Solves the problem; <paramref name="overrides"/> pin volumes the lead fixed, and the rest is re-optimised.</summary>
    public AllocationResult Solve(AllocationProblem problem, IReadOnlyList<ShareOverride>? overrides = null) =>
        Solve(problem, overrides ?? [], []);

    /// <summary>
    /// Re-solves after a member withdraws: its offers and capacity go, its pins go, the other pins stay, and the
    /// gaps its going leaves are reported per lot.
    /// </summary>
    public AllocationResult SolveAfterWithdrawal(AllocationProblem problem, string memberId, IReadOnlyList<ShareOverride>? overrides = null) =>
        Solve(problem.WithoutMember(memberId), (overrides ?? []).Where(o => o.MemberId != memberId).ToList(), [memberId]);

    /// <summary>Re-solves without several withdrawn (or declined) members at once; see <see cref="SolveAfterWithdrawal"/>.</summary>
    public AllocationResult SolveWithout(AllocationProblem problem, IReadOnlyList<string> withdrawnMemberIds, IReadOnlyList<ShareOverride>? overrides = null)
    {
        var remaining = withdrawnMemberIds.Aggregate(problem, (p, member) => p.WithoutMember(member));
        return Solve(remaining, (overrides ?? []).Where(o => !withdrawnMemberIds.Contains(o.MemberId)).ToList(), withdrawnMemberIds);
    }

    private AllocationResult Solve(AllocationProblem problem, IReadOnlyList<ShareOverride> overrides, IReadOnlyList<string> withdrawn)
    {
        using var span = AllocationTelemetry.Source.StartActivity("allocation solve");
        span?.SetTag("allocation.lots", problem.Lots.Count);
        span?.SetTag("allocation.offers", problem.Offers.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return SolveOnce(problem, overrides, withdrawn);
        }
        finally
        {
            AllocationTelemetry.SolveDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private AllocationResult SolveOnce(AllocationProblem problem, IReadOnlyList<ShareOverride> overrides, IReadOnlyList<string> withdrawn)
    {
        var objective = new AllocationObjective(problem, _rules);
        var (volumes, flowCost, floorUnits, pins) = Flow(objective, overrides);
        var bindings = new ShareBindings(this, problem, _rules, overrides, volumes);
        var result = BuildResult(objective, _rules, volumes, overrides, withdrawn, bindings);
        // The flow's cost is the objective less the constant floor bonus and the pinned offers' terms; a mismatch
        // would mean the graph does not encode the stated objective, so stop rather than report a wrong optimum.
        var pinnedTerms = Pinned(objective, pins);
        if (checked(flowCost + objective.FloorPenaltyPerUnit * floorUnits + pinnedTerms) != result.Objective.Total)
            throw new InvalidOperationException("the flow cost does not match the evaluated objective");
        return result;
    }

    /// <summary>The optimal volumes for an objective (possibly with one rule relaxed), without words.</summary>
    internal (Dictionary<(string MemberId, string LotId), long> Volumes, long FlowCost, long FloorUnits, Dictionary<(string MemberId, string LotId), long> Pins) Flow(
        AllocationObjective objective, IReadOnlyList<ShareOverride> overrides)
    {
        var problem = objective.Problem;
        var pins = CheckOverrides(problem, overrides);

        var lotIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Lots.Count; i++)
            lotIndex[problem.Lots[i].Id] = i;
        var members = problem.Offers.Select(o => o.MemberId).Distinct().Order(StringComparer.Ordinal).ToList();
        var memberIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
            memberIndex[members[i]] = problem.Lots.Count + i;
        var sink = problem.Lots.Count + members.Count;
        var graph = new MinCostFlow(sink + 1);

        var free = problem.Offers.Where(o => !pins.ContainsKey((o.MemberId, o.LotId)))
            .OrderBy(o => lotIndex[o.LotId]).ThenBy(o => o.MemberId, StringComparer.Ordinal).ToList();
        var pinnedInLot = pins.GroupBy(p => p.Key.LotId).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var pinnedForMember = pins.GroupBy(p => p.Key.MemberId).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));

        foreach (var lot in problem.Lots)
        {
            var remaining = lot.Demand - pinnedInLot.GetValueOrDefault(lot.Id);
            graph.AddSupply(lotIndex[lot.Id], remaining);
            graph.AddSupply(sink, -remaining);
        }
        var offerEdges = new List<(Offer Offer, int Edge)>(free.Count);
        long floorUnits = 0;
        foreach (var offer in free)
        {
            var segments = objective.Segments(offer, objective.CapOf(offer));
            offerEdges.Add((offer, graph.AddConvexEdge(lotIndex[offer.LotId], memberIndex[offer.MemberId], [.. segments])));
            floorUnits += objective.FloorOf(offer);
        }
        var freeByMember = free.ToLookup(o => o.MemberId);
        foreach (var member in members)
        {
            var reach = freeByMember[member].Sum(objective.CapOf);
            var capacity = problem.CapacityOf(member) is { } c ? Math.Min(c - pinnedForMember.GetValueOrDefault(member), reach) : reach;
            graph.AddEdge(memberIndex[member], sink, capacity, 0);
        }
        foreach (var lot in problem.Lots)
            graph.AddEdge(lotIndex[lot.Id], sink, lot.Demand - pinnedInLot.GetValueOrDefault(lot.Id), objective.UncoveredPenaltyPerUnit);

        if (!graph.Solve(out var flowCost))
            throw new InvalidOperationException("the gap edges make every allocation feasible; the flow could not route all demand");

        var volumes = new Dictionary<(string MemberId, string LotId), long>(pins);
        foreach (var (offer, edge) in offerEdges)
            volumes[(offer.MemberId, offer.LotId)] = graph.Flow(edge);
        return (volumes, flowCost, floorUnits, pins);
    }

    /// <summary>Shares, gaps, objective and words for given volumes; used for the optimum and for the greedy baseline.</summary>
    internal static AllocationResult BuildResult(AllocationObjective objective, AllocationRules rules,
        IReadOnlyDictionary<(string MemberId, string LotId), long> volumes, IReadOnlyList<ShareOverride> overrides, IReadOnlyList<string> withdrawn,
        ShareBindings? bindings = null)
    {
        var explainer = new ShareExplainer(objective, rules, volumes, overrides, bindings);
        var reasons = overrides.ToDictionary(o => (o.MemberId, o.LotId), o => o.Reason);
        var offersByLot = objective.Problem.Offers.ToLookup(o => o.LotId);
        var lots = new List<LotAllocation>(objective.Problem.Lots.Count);
        var total = ObjectiveBreakdown.Zero;
        foreach (var lot in objective.Problem.Lots)
        {
            var shares = offersByLot[lot.Id].OrderBy(o => o.MemberId, StringComparer.Ordinal).Select(o =>
            {
                var x = volumes.GetValueOrDefault((o.MemberId, o.LotId));
                return new Share(o.MemberId, o.MemberName, lot.Id, x, x * o.PricePerUnit, ShareExplainer.Percent(x, lot.Demand),
                    explainer.Explain(o, lot), reasons.GetValueOrDefault((o.MemberId, o.LotId)), explainer.Why(o, lot));
            }).ToList();
            var lotObjective = objective.EvaluateLot(lot, o => volumes.GetValueOrDefault((o.MemberId, o.LotId)));
            total += lotObjective;
            lots.Add(new LotAllocation(lot.Id, lot.Title, lot.Demand, lot.Unit, shares, lotObjective.UncoveredUnits, lotObjective));
        }
        return new AllocationResult(lots, total, objective.UncoveredPenaltyPerUnit, objective.FloorPenaltyPerUnit, overrides, withdrawn);
    }

    private static long Pinned(AllocationObjective objective, Dictionary<(string MemberId, string LotId), long> pins)
    {
        long sum = 0;
        foreach (var offer in objective.Problem.Offers)
        {
            if (!pins.TryGetValue((offer.MemberId, offer.LotId), out var x))
                continue;
            var demand = objective.Problem.Lots.First(l => l.Id == offer.LotId).Demand;
            sum = checked(sum + x * objective.UnitCostOf(offer).Total + objective.ConcentrationCost(demand, x)
                + Math.Max(0, objective.FloorOf(offer) - x) * objective.FloorPenaltyPerUnit);
        }
        return sum;
    }

    private static Problem Invalid(string path, string message) => new(path, ProblemCode.Invalid, message);

    private static Dictionary<(string MemberId, string LotId), long> CheckOverrides(AllocationProblem problem, IReadOnlyList<ShareOverride> overrides)
    {
        var problems = new List<Problem>();
        var pins = new Dictionary<(string MemberId, string LotId), long>();
        for (var i = 0; i < overrides.Count; i++)
        {
            var pin = overrides[i];
            var at = $"overrides[{i}]";
            var offer = problem.Offers.FirstOrDefault(o => o.MemberId == pin.MemberId && o.LotId == pin.LotId);
            if (offer is null)
                problems.Add(Invalid($"{at}.memberId", $"Member {pin.MemberId} made no offer for lot {pin.LotId}; choose a member that declared for it"));
            else if (pin.Volume < 0 || pin.Volume > offer.Volume)
                problems.Add(Invalid($"{at}.volume", $"Enter a share for lot {pin.LotId} from 0 to the {offer.Volume:N0} the member declared"));
            if (string.IsNullOrWhiteSpace(pin.Reason))
                problems.Add(Invalid($"{at}.reason", "Enter why you set this share; an override needs a recorded reason"));
            if (!pins.TryAdd((pin.MemberId, pin.LotId), pin.Volume))
                problems.Add(Invalid(at, $"Member {pin.MemberId}'s share of lot {pin.LotId} is set twice; set it once"));
        }
        foreach (var lot in problem.Lots)
        {
            var pinned = pins.Where(p => p.Key.LotId == lot.Id).Sum(p => p.Value);
            if (pinned > lot.Demand)
                problems.Add(Invalid("overrides", $"The shares you set in lot {lot.Id} add up to {pinned:N0}, more than the {lot.Demand:N0} it needs; lower one of them"));
        }
        foreach (var member in pins.Keys.Select(k => k.MemberId).Distinct())
        {
            var pinned = pins.Where(p => p.Key.MemberId == member).Sum(p => p.Value);
            if (problem.CapacityOf(member) is { } capacity && pinned > capacity)
                problems.Add(Invalid("overrides", $"The shares you set for member {member} add up to {pinned:N0}, more than the {capacity:N0} it can take on; lower one of them"));
        }
        if (problems.Count > 0)
            throw new ProblemException(problems);
        return pins;
    }
}
