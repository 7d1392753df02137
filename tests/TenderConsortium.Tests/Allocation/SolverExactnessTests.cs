using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Tests.Allocation;

/// <summary>
/// The solver against brute force: 400 random tiny instances (1–2 lots, up to 3 members, demand ≤ 8, integer
/// volumes, random rules, capacities and pins). Brute force enumerates every integer split allowed by the rules and
/// scores it with the objective's own primitives; the solver must reach the same optimum, break no rule, and match
/// the optimum's coverage and floor shortfall (the lexicographic levels).
/// </summary>
public sealed class SolverExactnessTests
{
    private const int Instances = 400;

    [Test]
    public void Solver_matches_brute_force_on_random_small_instances()
    {
        var random = new Random(20250601);
        var checkedInstances = 0;
        for (var i = 0; i < Instances; i++)
        {
            var (problem, rules, overrides) = RandomInstance(random);
            var objective = new AllocationObjective(problem, rules);
            var result = new AllocationSolver(rules).Solve(problem, overrides);
            var volumes = result.Volumes();
            var (best, bestVolumes) = BruteForce(problem, rules, objective, overrides);
            var brute = objective.Evaluate(bestVolumes);

            var context = $"instance {i}";
            Assert.That(objective.Violations(volumes, overrides), Is.Empty, context);
            Assert.That(result.Objective.Total, Is.EqualTo(best), context);
            Assert.That(brute.Total, Is.EqualTo(best), context + ": primitives and Evaluate disagree");
            Assert.That(result.Objective.UncoveredUnits, Is.EqualTo(brute.UncoveredUnits), context + ": coverage level");
            Assert.That(result.Objective.FloorShortfallUnits, Is.EqualTo(brute.FloorShortfallUnits), context + ": floor level");
            if (overrides.Count == 0)
                Assert.That(new GreedyAllocator(rules).Allocate(problem).Objective.Total, Is.GreaterThanOrEqualTo(best), context + ": greedy");
            checkedInstances++;
        }
        Assert.That(checkedInstances, Is.EqualTo(Instances));
    }

    /// <summary>
    /// Each share's reason names what binds it, tested by perturbation over the same 400 instances: loosening a rule
    /// the reason states (one more declared unit, one more unit of cap or capacity, the floor waived) changes the
    /// optimal share, and loosening a rule at its limit that the reason does not state leaves it unchanged. A reason
    /// that blames another member's cheaper last unit is checked against the marginal costs.
    /// </summary>
    [Test]
    public void Every_reason_names_what_binds_the_share_and_nothing_else()
    {
        var random = new Random(20250601);
        var perturbed = 0;
        var joint = 0;
        for (var i = 0; i < Instances; i++)
        {
            var (problem, rules, overrides) = RandomInstance(random);
            var solver = new AllocationSolver(rules);
            var result = solver.Solve(problem, overrides);
            var objective = new AllocationObjective(problem, rules);
            var volumes = result.Volumes();
            foreach (var share in result.Lots.SelectMany(l => l.Shares))
            {
                var offer = problem.Offers.Single(o => o.MemberId == share.MemberId && o.LotId == share.LotId);
                var x = share.Volume;
                var why = share.Explanation;
                var context = $"instance {i}, {share.MemberId} in {share.LotId}: {why}";
                if (overrides.Any(o => o.MemberId == share.MemberId && o.LotId == share.LotId))
                {
                    Assert.That(why, Does.Contain("set by the lead"), context);
                    continue;
                }

                long After(AllocationProblem changed, AllocationObjective.Relaxation? relaxed = null) =>
                    solver.Flow(new AllocationObjective(changed, rules, relaxed), overrides).Volumes.GetValueOrDefault((offer.MemberId, offer.LotId));

                if (why.Contains("only loosening them together"))
                {
                    // Limits that meet: each alone leaves the share; all of them together change it.
                    var all = new AllocationProblem(problem.Lots,
                        problem.Offers.Select(o => o == offer ? o with { Volume = o.Volume + 1 } : o),
                        problem.Capacities.Select(c => c.MemberId == offer.MemberId ? c with { MaxVolume = c.MaxVolume + 1 } : c));
                    Assert.That(After(all, new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: true, WaiveFloor: false)), Is.GreaterThan(x), context);
                    joint++;
                    continue;
                }

                if (x == offer.Volume)
                {
                    var moreDeclared = After(new AllocationProblem(problem.Lots,
                        problem.Offers.Select(o => o == offer ? o with { Volume = o.Volume + 1 } : o), problem.Capacities));
                    Assert.That(moreDeclared != x, Is.EqualTo(why.Contains("all it declared") || why.Contains("because it declared nothing")), context + " (declaration loosened)");
                    perturbed++;
                }

                if (x == objective.CapShareUnits(offer) && x < offer.Volume)
                {
                    var moreCap = After(problem, new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: true, WaiveFloor: false));
                    Assert.That(moreCap != x, Is.EqualTo(why.Contains("capped at")), context + " (cap loosened)");
                    perturbed++;
                }

                if (problem.CapacityOf(offer.MemberId) is { } capacity && volumes.Where(v => v.Key.MemberId == offer.MemberId).Sum(v => v.Value) >= capacity)
                {
                    var moreCapacity = After(new AllocationProblem(problem.Lots, problem.Offers,
                        problem.Capacities.Select(c => c.MemberId == offer.MemberId ? c with { MaxVolume = c.MaxVolume + 1 } : c)));
                    Assert.That(moreCapacity != x, Is.EqualTo(why.Contains("overall capacity")), context + " (capacity loosened)");
                    perturbed++;
                }

                if (objective.FloorOf(offer) is > 0 and var floor && x == floor)
                {
                    var noFloor = After(problem, new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: false, WaiveFloor: true));
                    Assert.That(noFloor != x, Is.EqualTo(why.Contains("micro-member floor")), context + " (floor waived)");
                    perturbed++;
                }

                if (why.Contains("dearer than") || why.Contains("would cost more than"))
                {
                    var rival = problem.Offers.Single(o => o.LotId == offer.LotId && why.Contains(o.MemberName + "'s last") && o.MemberId != offer.MemberId);
                    Assert.That(objective.MarginalCost(offer, x + 1), Is.GreaterThan(objective.MarginalCost(rival, volumes[(rival.MemberId, rival.LotId)])),
                        context + $" offers {string.Join(" | ", problem.Offers)} caps {string.Join(",", problem.Capacities)} rules {rules} pins {string.Join(",", overrides)} volumes {string.Join(",", volumes)}");
                }

                Assert.That(why, Does.Not.Contain("rising cost of concentration makes the next unit dearer than another member's"), context);
            }
        }

        Assert.That(perturbed, Is.GreaterThan(200), "enough shares sit at a rule's limit for the perturbation to mean something");
        Assert.That(joint, Is.GreaterThan(0), "limits that meet are met in the instances too");
    }

    private static (AllocationProblem, AllocationRules, List<ShareOverride>) RandomInstance(Random random)
    {
        var lots = Enumerable.Range(1, random.Next(1, 3))
            .Select(l => new AllocationLot($"L{l}", $"Lot {l}", random.Next(0, 9), "hours", random.Next(3) == 0 ? null : random.Next(5, 15)))
            .ToList();
        var members = random.Next(1, 4);
        var offers = new List<Offer>();
        foreach (var lot in lots)
            for (var m = 1; m <= members; m++)
                if (random.Next(5) > 0)
                    offers.Add(new Offer($"m{m}", $"Member {m}", lot.Id, random.Next(0, 9), random.Next(1, 21),
                        random.Next(11) / 10m, random.Next(11) / 10m, random.Next(2) == 0, random.Next(2) == 0, random.Next(7)));
        var capacities = Enumerable.Range(1, members).Where(_ => random.Next(3) == 0)
            .Select(m => new MemberCapacity($"m{m}", random.Next(0, 10))).ToList();
        var problem = new AllocationProblem(lots, offers, capacities);
        var rules = new AllocationRules
        {
            MaxSharePerMember = new[] { 0.3m, 0.4m, 0.5m, 0.75m, 1m }[random.Next(5)],
            MicroMinShare = new[] { 0m, 0.1m, 0.25m, 0.4m }[random.Next(4)],
            PriceWeight = random.Next(11) / 10m,
            QualityWeight = random.Next(11) / 10m,
            SocialValueWeight = random.Next(11) / 10m,
            LocalityWeight = random.Next(6) / 10m,
            RotationWeight = random.Next(6) / 10m,
            ConcentrationWeight = random.Next(6) / 10m,
            ConcentrationSteps = new[] { 1, 3, 10 }[random.Next(3)],
        };
        var overrides = new List<ShareOverride>();
        if (offers.Count > 0 && random.Next(4) == 0)
        {
            var offer = offers[random.Next(offers.Count)];
            var demand = lots.First(l => l.Id == offer.LotId).Demand;
            var volume = random.Next(0, (int)Math.Min(offer.Volume, demand) + 1);
            if (problem.CapacityOf(offer.MemberId) is not { } capacity || volume <= capacity)
                overrides.Add(new ShareOverride(offer.MemberId, offer.LotId, volume, "lead's decision"));
        }
        return (problem, rules, overrides);
    }

    /// <summary>Every integer split within declared volumes, caps (unless pinned), demand and capacities; the least objective.</summary>
    private static (long Best, Dictionary<(string MemberId, string LotId), long> Volumes) BruteForce(
        AllocationProblem problem, AllocationRules rules, AllocationObjective objective, List<ShareOverride> overrides)
    {
        var offers = problem.Offers.ToList();
        var demand = problem.Lots.ToDictionary(l => l.Id, l => l.Demand);
        var capacity = problem.Capacities.ToDictionary(c => c.MemberId, c => c.MaxVolume);
        var pins = overrides.ToDictionary(o => (o.MemberId, o.LotId), o => o.Volume);
        var x = new long[offers.Count];
        var best = long.MaxValue;
        long[]? bestX = null;

        long Score()
        {
            long total = 0;
            var covered = problem.Lots.ToDictionary(l => l.Id, _ => 0L);
            for (var i = 0; i < offers.Count; i++)
            {
                var o = offers[i];
                total += x[i] * objective.UnitCostOf(o).Total + objective.ConcentrationCost(demand[o.LotId], x[i])
                    + Math.Max(0, objective.FloorOf(o) - x[i]) * objective.FloorPenaltyPerUnit;
                covered[o.LotId] += x[i];
            }
            foreach (var lot in problem.Lots)
                total += (lot.Demand - covered[lot.Id]) * objective.UncoveredPenaltyPerUnit;
            return total;
        }

        void Enumerate(int i)
        {
            if (i == offers.Count)
            {
                var score = Score();
                if (score < best)
                {
                    best = score;
                    bestX = (long[])x.Clone();
                }
                return;
            }
            var o = offers[i];
            var pinned = pins.TryGetValue((o.MemberId, o.LotId), out var pin);
            // The cap rule written out again here rather than taken from the objective, so a wrong cap would show.
            var upper = pinned ? pin : Math.Min(o.Volume, (long)Math.Floor(rules.MaxSharePerMember * demand[o.LotId]));
            for (var v = pinned ? pin : 0; v <= upper; v++)
            {
                x[i] = v;
                if (Fits())
                    Enumerate(i + 1);
            }
            x[i] = 0;
        }

        bool Fits()
        {
            foreach (var lot in problem.Lots)
                if (offers.Select((o, j) => o.LotId == lot.Id ? x[j] : 0).Sum() > lot.Demand)
                    return false;
            foreach (var (member, limit) in capacity)
                if (offers.Select((o, j) => o.MemberId == member ? x[j] : 0).Sum() > limit)
                    return false;
            return true;
        }

        Enumerate(0);
        var volumes = new Dictionary<(string MemberId, string LotId), long>();
        for (var i = 0; i < offers.Count; i++)
            volumes[(offers[i].MemberId, offers[i].LotId)] = bestX![i];
        return (best, volumes);
    }
}
