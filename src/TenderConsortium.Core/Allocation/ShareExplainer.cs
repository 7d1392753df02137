using System.Globalization;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// One plain-language sentence per member and lot saying why the member got that share, derived from what actually
/// holds it there (<see cref="ShareBindings"/>): the lead's override; the declaration, the cap, the member's capacity
/// or the micro floor when loosening that rule alone would change the share; the remainder of the lot when every
/// other member is held at its own limit; otherwise the cost comparison that decides it, naming the member whose
/// last unit its next unit could not beat and whether price, quality, social value and locality or the rising cost
/// of concentration makes the difference. The words follow the solution; they do not change it.
/// </summary>
public sealed class ShareExplainer
{
    private readonly AllocationObjective _objective;
    private readonly AllocationRules _rules;
    private readonly IReadOnlyDictionary<(string MemberId, string LotId), long> _volumes;
    private readonly Dictionary<(string MemberId, string LotId), ShareOverride> _overrides;
    private readonly ShareBindings? _bindings;

    internal ShareExplainer(AllocationObjective objective, AllocationRules rules,
        IReadOnlyDictionary<(string MemberId, string LotId), long> volumes, IReadOnlyList<ShareOverride> overrides, ShareBindings? bindings)
    {
        _objective = objective;
        _rules = rules;
        _volumes = volumes;
        _bindings = bindings;
        _overrides = overrides.ToDictionary(o => (o.MemberId, o.LotId));
        // Totals and best offers once, so that explaining thousands of shares stays linear.
        foreach (var offer in objective.Problem.Offers)
        {
            _memberTotals[offer.MemberId] = _memberTotals.GetValueOrDefault(offer.MemberId) + volumes.GetValueOrDefault((offer.MemberId, offer.LotId));
            if (offer.Volume == 0)
                continue;
            var unit = objective.UnitCostOf(offer).Total;
            _bestInLot[offer.LotId] = _bestInLot.TryGetValue(offer.LotId, out var best)
                ? (Math.Min(best.Price, offer.PricePerUnit), Math.Min(best.UnitCost, unit), best.Offers + 1)
                : (offer.PricePerUnit, unit, 1);
        }
    }

    private readonly Dictionary<string, long> _memberTotals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Price, long UnitCost, int Offers)> _bestInLot = new(StringComparer.Ordinal);

    public string Explain(Offer offer, AllocationLot lot)
    {
        var x = _volumes.GetValueOrDefault((offer.MemberId, offer.LotId));
        var amount = $"{x:#,##0} {lot.Unit} ({Percent(x, lot.Demand)}% of {lot.Title})";
        return $"{offer.MemberName}: {amount}, {Why(offer, lot)}";
    }

    /// <summary>The reasons alone, as one sentence ending in a full stop: "all it declared; based locally."</summary>
    public string Why(Offer offer, AllocationLot lot)
    {
        var x = _volumes.GetValueOrDefault((offer.MemberId, offer.LotId));
        var notes = Notes(offer, lot);
        return $"{Reason(offer, lot, x)}{(notes.Count > 0 ? "; " + string.Join(", ", notes) : "")}.";
    }

    /// <summary>The rules binding a share, when they were found by re-solving (null for a result not solved exactly).</summary>
    public IReadOnlyList<ShareBinding>? BindingsOf(Offer offer) =>
        _overrides.ContainsKey((offer.MemberId, offer.LotId)) ? [] : _bindings?.Of(offer);

    private string Reason(Offer offer, AllocationLot lot, long x)
    {
        if (_overrides.TryGetValue((offer.MemberId, offer.LotId), out var pin))
            return $"set by the lead: {pin.Reason}";
        var capacity = _objective.Problem.CapacityOf(offer.MemberId);
        var bindings = BindingsOf(offer) ?? Estimated(offer, x, capacity);
        var held = new List<string>();
        foreach (var binding in bindings)
        {
            held.Add(binding switch
            {
                ShareBinding.Declaration => x == 0 ? "nothing, because it declared nothing for this lot (an offer would have been taken)" : "all it declared",
                ShareBinding.Cap => $"capped at {Percent(_rules.MaxSharePerMember)}% of {lot.Title} by the consortium rule",
                ShareBinding.Capacity => $"limited by its overall capacity of {capacity:#,##0} {lot.Unit} across lots",
                _ => $"raised to the micro-member floor of {Percent(_rules.MicroMinShare)}% of {lot.Title}",
            });
        }

        if (held.Count > 1 && _bindings?.Jointly(offer) == true)
            return $"{string.Join(" and ", held)} — these limits meet here, so only loosening them together would give it more";
        if (held.Count > 0) return string.Join(" and ", held);
        if (x > 0 && x == lot.Demand) return "the whole lot, as no other offer was cheaper for any part of it";
        if (x > 0 && IsRemainder(offer, lot, x)) return $"the remainder of {lot.Title} once the other members reached their limits";
        return CostReason(offer, lot, x);
    }

    /// <summary>
    /// Every other member with a share in the lot is held at one of its own limits (or pinned), and the lot is fully
    /// covered: this member's share is what is left.
    /// </summary>
    private bool IsRemainder(Offer offer, AllocationLot lot, long x)
    {
        var others = _objective.Problem.Offers.Where(o => o.LotId == lot.Id && o.MemberId != offer.MemberId).ToList();
        var covered = others.Sum(o => _volumes.GetValueOrDefault((o.MemberId, o.LotId))) + x == lot.Demand;
        return covered && others.Any(o => _volumes.GetValueOrDefault((o.MemberId, o.LotId)) > 0)
            && others.Where(o => _volumes.GetValueOrDefault((o.MemberId, o.LotId)) > 0)
                .All(o => _overrides.ContainsKey((o.MemberId, o.LotId)) || (BindingsOf(o) is { Count: > 0 } b && !b.SequenceEqual([ShareBinding.Floor])));
    }

    /// <summary>
    /// Nothing binds: the share stops where its next unit costs at least as much as another member's last unit. The
    /// words name that member and say whether the offers' unit costs or the rising cost of concentration decide it.
    /// </summary>
    private string CostReason(Offer offer, AllocationLot lot, long x)
    {
        if (offer.Volume == 0) return "it offered no volume for this lot";
        var next = _objective.MarginalCost(offer, x + 1);
        var rival = _objective.Problem.Offers
            .Where(o => o.LotId == lot.Id && o.MemberId != offer.MemberId && _volumes.GetValueOrDefault((o.MemberId, o.LotId)) > 0)
            .Where(o => !_overrides.ContainsKey((o.MemberId, o.LotId)))
            .Select(o => (Offer: o, Last: _objective.MarginalCost(o, _volumes[(o.MemberId, o.LotId)])))
            .OrderByDescending(r => r.Last).ThenBy(r => r.Offer.MemberId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (rival.Offer is null)
            return _overrides.Keys.Any(k => k.LotId == lot.Id)
                ? $"what the lead's fixed shares leave of {lot.Title}"
                : x == 0 ? "nothing, because the lot was covered without it" : "what the lot needed beyond the other shares";
        var who = rival.Offer.MemberName;
        if (next == rival.Last)
            return $"its next unit would cost exactly as much as {who}'s last, so the split between them is a tie";
        var flatSelf = _objective.UnitCostOf(offer).Total;
        var flatRival = _objective.UnitCostOf(rival.Offer).Total;
        if (x == 0)
            return flatSelf > flatRival
                ? $"nothing, because {who}'s offer costs less per unit in price, quality, social value and locality together"
                : $"nothing, because {who}'s units cost no more even with the rising cost of concentration";
        return flatSelf > flatRival
            ? $"where its next unit would cost more than {who}'s last: {who}'s offer costs less per unit in price, quality, social value and locality together"
            : $"where the rising cost of concentration makes its next unit dearer than {who}'s last";
    }

    /// <summary>For results too large to re-solve: the rules at their limit, read from the volumes (may over-state).</summary>
    private IReadOnlyList<ShareBinding> Estimated(Offer offer, long x, long? capacity)
    {
        var found = new List<ShareBinding>();
        var cap = _objective.CapShareUnits(offer);
        if (x == offer.Volume && x > 0) found.Add(ShareBinding.Declaration);
        else if (x == cap && cap < offer.Volume) found.Add(ShareBinding.Cap);
        else if (capacity is { } c && _memberTotals.GetValueOrDefault(offer.MemberId) >= c && x < offer.Volume) found.Add(ShareBinding.Capacity);
        var floor = _objective.FloorOf(offer);
        if (floor > 0 && x == floor && x < offer.Volume) found.Add(ShareBinding.Floor);
        return found;
    }

    private List<string> Notes(Offer offer, AllocationLot lot)
    {
        var notes = new List<string>();
        if (offer.Volume == 0 || !_bestInLot.TryGetValue(lot.Id, out var best) || best.Offers < 2)
            return notes;
        if (offer.PricePerUnit == best.Price)
            notes.Add($"cheapest offer for {lot.Title}");
        if (_objective.UnitCostOf(offer).Total == best.UnitCost)
            notes.Add("best overall value of price, quality and social value");
        if (offer.IsLocal && _rules.LocalityWeight > 0)
            notes.Add("based locally");
        return notes;
    }

    public static decimal Percent(long part, long whole) =>
        whole == 0 ? 0 : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture);
}
