using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The stated objective, in integers, and the rules as volumes. Minimise
/// <c>M_gap × uncovered units + M_floor × floor shortfall units + weighted cost</c>, where the weighted cost sums, over
/// every offer with volume x, <c>x × (price + quality + social value + locality + rotation per unit)</c> plus the
/// convex concentration cost of x. M_floor and M_gap are big enough (see <see cref="FloorPenaltyPerUnit"/>) that the
/// order is lexicographic: first cover as much demand as possible, then meet micro floors, then the weighted cost.
/// The solver, the greedy baseline and the brute force in the tests all evaluate allocations with this one class.
/// </summary>
public sealed class AllocationObjective
{
    /// <summary>Price, quality and social value are scored in thousandths so that weights in hundredths keep costs whole.</summary>
    private const long Scale = 1000;
    private const long MaxPriceIndex = 10 * Scale;

    private readonly AllocationRules _rules;
    private readonly Dictionary<string, decimal> _referencePrices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AllocationLot> _lots = new(StringComparer.Ordinal);
    private readonly long _maxConcentrationMarginal;
    private readonly Relaxation? _relaxed;

    /// <summary>A rule loosened for one offer: its cap by one unit, or its micro floor waived.</summary>
    internal sealed record Relaxation(string MemberId, string LotId, bool Cap, bool WaiveFloor)
    {
        public bool For(Offer offer) => offer.MemberId == MemberId && offer.LotId == LotId;
    }

    public AllocationObjective(AllocationProblem problem, AllocationRules rules) : this(problem, rules, null) { }

    /// <param name="relaxed">One offer whose cap is one unit looser or whose micro floor is waived: how the
    /// explanation tests whether a rule binds a share (<see cref="ShareBindings"/>).</param>
    internal AllocationObjective(AllocationProblem problem, AllocationRules rules, Relaxation? relaxed)
    {
        Problem = problem;
        _rules = rules;
        _relaxed = relaxed;
        foreach (var lot in problem.Lots)
        {
            _lots[lot.Id] = lot;
            var dearest = problem.Offers.Where(o => o.LotId == lot.Id).Select(o => o.PricePerUnit).DefaultIfEmpty(0m).Max();
            _referencePrices[lot.Id] = lot.ReferencePricePerUnit ?? (dearest > 0 ? dearest : 1m);
        }
        _maxConcentrationMarginal = ConcentrationMarginal(Math.Max(rules.ConcentrationSteps - 1, 0));
        long maxMarginal = 1 + _maxConcentrationMarginal;
        foreach (var offer in problem.Offers)
            maxMarginal = Math.Max(maxMarginal, UnitCostOf(offer).Total + _maxConcentrationMarginal);

        // A simple residual cycle alternates lots and members, so it holds at most L lot-member edges. A cycle that
        // would cover one more unit or meet one more floor unit must then beat everything else it can change.
        var members = problem.Offers.Select(o => o.MemberId).Distinct().Count();
        long cycleEdges = 2L * Math.Min(problem.Lots.Count, members) + 2;
        var totalDemand = problem.Lots.Sum(l => l.Demand);
        try
        {
            FloorPenaltyPerUnit = checked(cycleEdges * maxMarginal + 1);
            UncoveredPenaltyPerUnit = checked(cycleEdges * (FloorPenaltyPerUnit + maxMarginal) + 1);
            _ = checked((UncoveredPenaltyPerUnit + maxMarginal) * (totalDemand + 1));
        }
        catch (OverflowException)
        {
            throw new BadInputException("allocation: the problem is too large for an exact integer objective (demand or prices too big)");
        }
    }

    public AllocationProblem Problem { get; }

    /// <summary>Price per unit that scores 1,000 per unit of price cost: the lot's reference, else its dearest offer.</summary>
    public IReadOnlyDictionary<string, decimal> ReferencePrices => _referencePrices;

    /// <summary>
    /// Cost of each unit a micro member falls short of its floor: more than the weighted cost any exchange of volume
    /// along a cycle of the flow graph can save, so that no saving ever buys a missed floor.
    /// </summary>
    public long FloorPenaltyPerUnit { get; }

    /// <summary>Cost of each uncovered unit: more than any floor and cost change a cycle can bring, so coverage comes first.</summary>
    public long UncoveredPenaltyPerUnit { get; }

    /// <summary>Per-unit costs of an offer, each weight (in hundredths) times a score in thousandths.</summary>
    public readonly record struct UnitCost(long Price, long Quality, long SocialValue, long Locality, long Rotation)
    {
        public long Total => Price + Quality + SocialValue + Locality + Rotation;
    }

    public UnitCost UnitCostOf(Offer offer)
    {
        var reference = ReferencePrices[offer.LotId];
        var priceIndex = Math.Min(MaxPriceIndex, Round(Scale * offer.PricePerUnit / reference));
        var rotation = Round(Scale * (decimal)Math.Min(offer.RecentAwards, _rules.RotationSaturation) / _rules.RotationSaturation);
        return new UnitCost(
            Weight(_rules.PriceWeight) * priceIndex,
            Weight(_rules.QualityWeight) * Round(Scale * (1 - offer.Quality)),
            Weight(_rules.SocialValueWeight) * Round(Scale * (1 - offer.SocialValue)),
            offer.IsLocal ? 0 : Weight(_rules.LocalityWeight) * Scale,
            Weight(_rules.RotationWeight) * rotation);
    }

    /// <summary>Most a member may get in the lot by the cap rule: the cap share of demand (rounded down), at most what it declared.</summary>
    public long CapOf(Offer offer)
    {
        var demand = _lots[offer.LotId].Demand;
        var loosened = _relaxed is { Cap: true } r && r.For(offer) ? 1 : 0;
        return Math.Min(offer.Volume, (long)Math.Floor(_rules.MaxSharePerMember * demand) + loosened);
    }

    /// <summary>The cap share of the lot's demand in whole units, before the member's declaration limits it.</summary>
    public long CapShareUnits(Offer offer) => (long)Math.Floor(_rules.MaxSharePerMember * _lots[offer.LotId].Demand);

    /// <summary>What the <paramref name="unit"/>-th unit (1-based) of the offer costs, floor bonus and concentration included.</summary>
    public long MarginalCost(Offer offer, long unit)
    {
        long reached = 0;
        foreach (var (capacity, cost) in Segments(offer, unit))
        {
            reached += capacity;
            if (reached >= unit) return cost;
        }

        return UnitCostOf(offer).Total;
    }

    /// <summary>
    /// The micro floor: the floor share of demand (rounded up) for a micro member that declared, but never more than
    /// it declared or the cap allows. Zero for everyone else.
    /// </summary>
    public long FloorOf(Offer offer)
    {
        if (!offer.IsMicro || offer.Volume == 0 || (_relaxed is { WaiveFloor: true } r && r.For(offer)))
            return 0;
        var demand = _lots[offer.LotId].Demand;
        return Math.Min(CapOf(offer), (long)Math.Ceiling(_rules.MicroMinShare * demand));
    }

    /// <summary>Breakpoint k of the concentration steps: k/steps of the demand, rounded down.</summary>
    public long StepEnd(long demand, int k) => demand * k / _rules.ConcentrationSteps;

    /// <summary>Marginal concentration cost per unit in step j (0-based): rises linearly from 0, so the cost is convex.</summary>
    public long ConcentrationMarginal(int step) =>
        Weight(_rules.ConcentrationWeight) * Scale * step / _rules.ConcentrationSteps;

    public long ConcentrationCost(long demand, long volume)
    {
        long cost = 0;
        for (var k = 1; k <= _rules.ConcentrationSteps; k++)
        {
            var inStep = Math.Min(volume, StepEnd(demand, k)) - StepEnd(demand, k - 1);
            if (inStep > 0)
                cost += inStep * ConcentrationMarginal(k - 1);
        }
        return cost;
    }

    /// <summary>
    /// The offer's cost as convex segments from 0 to <paramref name="upTo"/> units: breakpoints at the concentration
    /// steps and at the floor; units below the floor carry the floor bonus −M_floor (a shortfall avoided).
    /// </summary>
    public List<(long Capacity, long CostPerUnit)> Segments(Offer offer, long upTo)
    {
        var demand = _lots[offer.LotId].Demand;
        var floor = FloorOf(offer);
        var unit = UnitCostOf(offer).Total;
        var points = new SortedSet<long> { 0, upTo };
        for (var k = 1; k <= _rules.ConcentrationSteps; k++)
            points.Add(Math.Min(StepEnd(demand, k), upTo));
        points.Add(Math.Min(floor, upTo));
        var segments = new List<(long, long)>();
        long previous = 0;
        var step = 0;
        foreach (var point in points.Where(p => p > 0))
        {
            while (step < _rules.ConcentrationSteps - 1 && previous >= StepEnd(demand, step + 1))
                step++;
            var cost = unit + ConcentrationMarginal(step) - (previous < floor ? FloorPenaltyPerUnit : 0);
            segments.Add((point - previous, cost));
            previous = point;
        }
        return segments;
    }

    /// <summary>The objective of one lot for the given volumes per member (missing = 0).</summary>
    public ObjectiveBreakdown EvaluateLot(AllocationLot lot, Func<Offer, long> volumeOf)
    {
        long price = 0, quality = 0, social = 0, locality = 0, rotation = 0, concentration = 0, shortfall = 0, covered = 0;
        foreach (var offer in Problem.Offers.Where(o => o.LotId == lot.Id))
        {
            var x = volumeOf(offer);
            var unit = UnitCostOf(offer);
            price = checked(price + x * unit.Price);
            quality = checked(quality + x * unit.Quality);
            social = checked(social + x * unit.SocialValue);
            locality = checked(locality + x * unit.Locality);
            rotation = checked(rotation + x * unit.Rotation);
            concentration = checked(concentration + ConcentrationCost(lot.Demand, x));
            shortfall += Math.Max(0, FloorOf(offer) - x);
            covered += x;
        }
        var uncovered = Math.Max(0, lot.Demand - covered);
        return new ObjectiveBreakdown(price, quality, social, locality, concentration, rotation,
            checked(shortfall * FloorPenaltyPerUnit), checked(uncovered * UncoveredPenaltyPerUnit), shortfall, uncovered);
    }

    /// <summary>The whole objective for volumes per (member, lot).</summary>
    public ObjectiveBreakdown Evaluate(IReadOnlyDictionary<(string MemberId, string LotId), long> volumes) =>
        Problem.Lots.Aggregate(ObjectiveBreakdown.Zero, (sum, lot) =>
            sum + EvaluateLot(lot, o => volumes.GetValueOrDefault((o.MemberId, o.LotId))));

    /// <summary>
    /// Every hard rule the volumes break: more than declared, over the cap (unless the lead pinned it), more than the
    /// lot's demand or the member's overall capacity, or a pin not honoured. Empty when all hold.
    /// </summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<(string MemberId, string LotId), long> volumes, IReadOnlyList<ShareOverride>? overrides = null)
    {
        var problems = new List<string>();
        var pinned = (overrides ?? []).ToDictionary(p => (p.MemberId, p.LotId), p => p.Volume);
        foreach (var offer in Problem.Offers)
        {
            var x = volumes.GetValueOrDefault((offer.MemberId, offer.LotId));
            if (x < 0 || x > offer.Volume)
                problems.Add($"{offer.MemberId} in {offer.LotId}: {x} outside 0..{offer.Volume} declared");
            if (pinned.TryGetValue((offer.MemberId, offer.LotId), out var pin))
            {
                if (x != pin)
                    problems.Add($"{offer.MemberId} in {offer.LotId}: {x} but the lead pinned {pin}");
            }
            else if (x > CapOf(offer))
                problems.Add($"{offer.MemberId} in {offer.LotId}: {x} over the cap {CapOf(offer)}");
        }
        foreach (var lot in Problem.Lots)
        {
            var total = Problem.Offers.Where(o => o.LotId == lot.Id).Sum(o => volumes.GetValueOrDefault((o.MemberId, o.LotId)));
            if (total > lot.Demand)
                problems.Add($"{lot.Id}: {total} allocated over demand {lot.Demand}");
        }
        foreach (var capacity in Problem.Capacities)
        {
            var total = Problem.Offers.Where(o => o.MemberId == capacity.MemberId).Sum(o => volumes.GetValueOrDefault((o.MemberId, o.LotId)));
            if (total > capacity.MaxVolume)
                problems.Add($"{capacity.MemberId}: {total} over its capacity {capacity.MaxVolume}");
        }
        return problems;
    }

    private static long Weight(decimal weight) => Round(weight * 100);

    private static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
