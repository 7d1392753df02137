namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Finds which rules bind each share by asking the solver: the declaration, the cap and the member's capacity bind
/// when loosening that one rule by one unit (everything else equal) changes the optimal share; the micro floor binds
/// when waiving it lowers the share. Because the objective is convex and the solver exact, a rule whose loosening
/// changes nothing is not what holds the share, and the explanation must not name it. Problems larger than
/// <see cref="ExplanationOptions.ExactBindingMaxOffers"/> offers are not re-solved (the benchmark's 5,000-offer
/// problem); their words then come from the marginal costs alone.
/// </summary>
internal sealed class ShareBindings(
    AllocationSolver solver,
    AllocationProblem problem,
    AllocationRules rules,
    IReadOnlyList<ShareOverride> overrides,
    IReadOnlyDictionary<(string MemberId, string LotId), long> volumes)
{
    private readonly bool _exact = problem.Offers.Count <= ExplanationOptions.Default.ExactBindingMaxOffers;
    private readonly Dictionary<(string, string), IReadOnlyList<ShareBinding>> _cache = [];
    private readonly HashSet<(string, string)> _joint = [];

    public bool IsExact => _exact;

    /// <summary>
    /// True when the offer's rules bind only together: two limits meet at the share (declared 3, cap 3), so loosening
    /// either alone changes nothing but loosening both does.
    /// </summary>
    public bool Jointly(Offer offer) => _joint.Contains((offer.MemberId, offer.LotId));

    /// <summary>The rules binding the offer's share; null when the problem is too large to re-solve.</summary>
    public IReadOnlyList<ShareBinding>? Of(Offer offer)
    {
        if (!_exact) return null;
        var key = (offer.MemberId, offer.LotId);
        if (_cache.TryGetValue(key, out var known)) return known;
        var x = volumes.GetValueOrDefault(key);
        var objective = new AllocationObjective(problem, rules);
        var found = new List<ShareBinding>();
        if (x == offer.Volume && ShareAfter(WithVolume(offer, offer.Volume + 1), null, offer) > x) found.Add(ShareBinding.Declaration);
        if (x == objective.CapShareUnits(offer) && x < offer.Volume
            && ShareAfter(problem, new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: true, WaiveFloor: false), offer) > x)
            found.Add(ShareBinding.Cap);
        if (problem.CapacityOf(offer.MemberId) is { } capacity && MemberTotal(offer.MemberId) >= capacity
            && ShareAfter(WithCapacity(offer.MemberId, capacity + 1), null, offer) > x)
            found.Add(ShareBinding.Capacity);
        if (found.Count == 0) found.AddRange(JointLimits(offer, x, objective, key));
        if (objective.FloorOf(offer) is > 0 and var floor && x == floor
            && ShareAfter(problem, new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: false, WaiveFloor: true), offer) < x)
            found.Add(ShareBinding.Floor);
        _cache[key] = found;
        return found;
    }

    /// <summary>Upper limits that meet at the share and bind only when loosened together.</summary>
    private List<ShareBinding> JointLimits(Offer offer, long x, AllocationObjective objective, (string, string) key)
    {
        var atLimit = new List<ShareBinding>();
        if (x == offer.Volume) atLimit.Add(ShareBinding.Declaration);
        if (x == objective.CapShareUnits(offer)) atLimit.Add(ShareBinding.Cap);
        var capacity = problem.CapacityOf(offer.MemberId);
        if (capacity is { } c && MemberTotal(offer.MemberId) >= c) atLimit.Add(ShareBinding.Capacity);
        if (atLimit.Count < 2) return [];
        var changed = atLimit.Contains(ShareBinding.Declaration) ? WithVolume(offer, offer.Volume + 1) : problem;
        if (capacity is { } cap && atLimit.Contains(ShareBinding.Capacity))
            changed = new AllocationProblem(changed.Lots, changed.Offers, changed.Capacities.Select(m => m.MemberId == offer.MemberId ? m with { MaxVolume = cap + 1 } : m));
        var relaxed = atLimit.Contains(ShareBinding.Cap) ? new AllocationObjective.Relaxation(offer.MemberId, offer.LotId, Cap: true, WaiveFloor: false) : null;
        if (ShareAfter(changed, relaxed, offer) <= x) return [];
        _joint.Add(key);
        return atLimit;
    }

    private long MemberTotal(string memberId) => volumes.Where(v => v.Key.MemberId == memberId).Sum(v => v.Value);

    private long ShareAfter(AllocationProblem changed, AllocationObjective.Relaxation? relaxed, Offer offer)
    {
        var objective = new AllocationObjective(changed, rules, relaxed);
        return solver.Flow(objective, overrides).Volumes.GetValueOrDefault((offer.MemberId, offer.LotId));
    }

    private AllocationProblem WithVolume(Offer offer, long volume) =>
        new(problem.Lots, problem.Offers.Select(o => o.MemberId == offer.MemberId && o.LotId == offer.LotId ? o with { Volume = volume } : o), problem.Capacities);

    private AllocationProblem WithCapacity(string memberId, long capacity) =>
        new(problem.Lots, problem.Offers, problem.Capacities.Select(c => c.MemberId == memberId ? c with { MaxVolume = capacity } : c));
}
