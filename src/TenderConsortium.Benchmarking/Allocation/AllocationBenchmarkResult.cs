using System.Globalization;

namespace TenderConsortium.Benchmarking.Allocation;

/// <summary>
/// One run of <see cref="AllocationBenchmark"/>: the exact solve and the greedy baseline on the same problem, with
/// both objectives evaluated the same way. Improvement is how much lower the exact objective is, as a percent of greedy's.
/// </summary>
public sealed record AllocationBenchmarkResult(
    int Lots,
    int Offers,
    int Members,
    double SolveMs,
    double AllocatedMb,
    double PeakMb,
    long Objective,
    long UncoveredUnits,
    long FloorShortfallUnits,
    long WeightedCost,
    long GreedyObjective,
    long GreedyUncoveredUnits,
    long GreedyFloorShortfallUnits,
    long GreedyWeightedCost,
    double GreedyMs)
{
    public double ImprovementPercent => GreedyObjective == 0 ? 0 : 100.0 * (GreedyObjective - Objective) / GreedyObjective;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"allocation.lots={Lots} allocation.offers={Offers} allocation.members={Members} allocation.solve_ms={SolveMs:0.0} " +
        $"allocation.alloc_mb={AllocatedMb:0.0} allocation.peak_mb={PeakMb:0.0} allocation.objective={Objective} " +
        $"allocation.uncovered={UncoveredUnits} allocation.floor_shortfall={FloorShortfallUnits} allocation.weighted_cost={WeightedCost} " +
        $"baseline.greedy_objective={GreedyObjective} baseline.greedy_uncovered={GreedyUncoveredUnits} " +
        $"baseline.greedy_floor_shortfall={GreedyFloorShortfallUnits} baseline.greedy_weighted_cost={GreedyWeightedCost} baseline.greedy_ms={GreedyMs:0.0} improvement={ImprovementPercent:0.00}%");
}
