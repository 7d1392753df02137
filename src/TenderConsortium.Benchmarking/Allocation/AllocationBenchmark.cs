using System.Diagnostics;
using TenderConsortium.Core.Allocation;

namespace TenderConsortium.Benchmarking.Allocation;

/// <summary>
/// Solves one generated consortium problem exactly and with the greedy baseline (cheapest first, respecting caps)
/// in the same run. Reading of the "200 lots × 5,000 offers": 5,000 offers in total, 25 per lot, from a pool
/// of members who each offer for several lots, some with an overall capacity that binds across lots, and a few lots
/// under-declared so that gaps appear. Time covers building the graph, solving and explaining every share.
/// </summary>
public static class AllocationBenchmark
{
    public static AllocationBenchmarkResult Run(int lots = 200, int offersPerLot = 25, int seed = 1)
    {
        var problem = Generate(lots, offersPerLot, seed);
        var solver = new AllocationSolver();
        var greedy = new GreedyAllocator();
        // Warm-up on a small problem so that JIT is not charged to the measured solve.
        var warm = Generate(5, 5, seed + 1);
        solver.Solve(warm);
        greedy.Allocate(warm);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var exact = solver.Solve(problem);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var solveMs = watch.Elapsed.TotalMilliseconds;

        watch.Restart();
        var baseline = greedy.Allocate(problem);
        watch.Stop();

        using var process = Process.GetCurrentProcess();
        return new AllocationBenchmarkResult(
            lots,
            problem.Offers.Count,
            problem.Offers.Select(o => o.MemberId).Distinct().Count(),
            solveMs,
            allocated / 1048576.0,
            process.PeakWorkingSet64 / 1048576.0,
            exact.Objective.Total,
            exact.Objective.UncoveredUnits,
            exact.Objective.FloorShortfallUnits,
            exact.Objective.WeightedCost,
            baseline.Objective.Total,
            baseline.Objective.UncoveredUnits,
            baseline.Objective.FloorShortfallUnits,
            baseline.Objective.WeightedCost,
            watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>A realistic problem: demand 500–5,000 hours a lot, prices around the lot's reference, 40% micro members.</summary>
    public static AllocationProblem Generate(int lots, int offersPerLot, int seed)
    {
        var random = new Random(seed);
        var memberCount = Math.Max(offersPerLot, lots * offersPerLot / 8);
        var micro = Enumerable.Range(0, memberCount).Select(_ => random.Next(10) < 4).ToArray();
        var lotList = new List<AllocationLot>(lots);
        var offers = new List<Offer>(lots * offersPerLot);
        var declared = new long[memberCount];
        for (var l = 0; l < lots; l++)
        {
            var demand = random.Next(500, 5001);
            var reference = random.Next(18, 31);
            var lot = new AllocationLot($"lot-{l + 1:D3}", $"Lot {l + 1}", demand, "hours", reference);
            lotList.Add(lot);
            var thin = random.Next(20) == 0; // about 1 lot in 20 is under-declared
            var chosen = new HashSet<int>();
            while (chosen.Count < Math.Min(offersPerLot, memberCount))
                chosen.Add(random.Next(memberCount));
            foreach (var m in chosen.Order())
            {
                var volume = (long)(demand * (thin ? random.Next(1, 4) : random.Next(5, 51)) / 100.0);
                declared[m] += volume;
                offers.Add(new Offer($"member-{m:D5}", $"Member {m}", lot.Id, volume,
                    Math.Round(reference * (decimal)(0.8 + 0.4 * random.NextDouble()), 2),
                    random.Next(101) / 100m, random.Next(101) / 100m, micro[m], random.Next(10) < 3, random.Next(7)));
            }
        }
        var capacities = Enumerable.Range(0, memberCount).Where(m => declared[m] > 0 && random.Next(10) < 3)
            .Select(m => new MemberCapacity($"member-{m:D5}", declared[m] * 6 / 10)).ToList();
        return new AllocationProblem(lotList, offers, capacities);
    }
}
