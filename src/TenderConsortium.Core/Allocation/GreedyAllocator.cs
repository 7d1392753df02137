namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The baseline a spreadsheet would do: lot by lot, cheapest offer first (ties by member id), each member up to the
/// cap, its remaining overall capacity and the remaining demand. No floors, no fairness cost, no look-ahead across
/// lots. Its result is evaluated with the same <see cref="AllocationObjective"/>, so the two objectives compare.
/// </summary>
public sealed class GreedyAllocator
{
    private readonly AllocationRules _rules;

    public GreedyAllocator(AllocationRules? rules = null) => _rules = rules ?? AllocationRules.Default;

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var objective = new AllocationObjective(problem, _rules);
        var left = problem.Capacities.ToDictionary(c => c.MemberId, c => c.MaxVolume);
        var volumes = new Dictionary<(string MemberId, string LotId), long>();
        var offersByLot = problem.Offers.ToLookup(o => o.LotId);
        foreach (var lot in problem.Lots)
        {
            var demand = lot.Demand;
            foreach (var offer in offersByLot[lot.Id].OrderBy(o => o.PricePerUnit).ThenBy(o => o.MemberId, StringComparer.Ordinal))
            {
                var take = Math.Min(demand, objective.CapOf(offer));
                if (left.TryGetValue(offer.MemberId, out var capacity))
                {
                    take = Math.Min(take, capacity);
                    left[offer.MemberId] = capacity - take;
                }
                volumes[(offer.MemberId, offer.LotId)] = take;
                demand -= take;
            }
        }
        return AllocationSolver.BuildResult(objective, _rules, volumes, [], []);
    }
}
