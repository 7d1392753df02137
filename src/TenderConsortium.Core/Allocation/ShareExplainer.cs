using System.Globalization;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// One plain-language sentence per member and lot saying why the member got that share: the rule that binds
/// (the lead's override, the cap, the micro floor, its overall capacity, all it declared, the fairness cost) and what
/// stands out about its offer (cheapest, best overall value, local). The words follow the solution; they do not
/// change it.
/// </summary>
public sealed class ShareExplainer
{
    private readonly AllocationObjective _objective;
    private readonly AllocationRules _rules;
    private readonly IReadOnlyDictionary<(string MemberId, string LotId), long> _volumes;
    private readonly Dictionary<(string MemberId, string LotId), ShareOverride> _overrides;

    public ShareExplainer(AllocationObjective objective, AllocationRules rules,
        IReadOnlyDictionary<(string MemberId, string LotId), long> volumes, IReadOnlyList<ShareOverride> overrides)
    {
        _objective = objective;
        _rules = rules;
        _volumes = volumes;
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
        var capacity = _objective.Problem.CapacityOf(offer.MemberId);
        var capacityFull = capacity is { } c && _memberTotals.GetValueOrDefault(offer.MemberId) >= c;
        var cap = _objective.CapOf(offer);
        var floor = _objective.FloorOf(offer);

        string reason;
        if (_overrides.TryGetValue((offer.MemberId, offer.LotId), out var pin))
            reason = $"set by the lead: {pin.Reason}";
        else if (x == 0 && capacityFull)
            reason = $"nothing here, because its overall capacity of {capacity:#,##0} {lot.Unit} is used in other lots";
        else if (x == 0 && cap == 0)
            reason = $"nothing, because the {Percent(_rules.MaxSharePerMember)}% cap of {lot.Title} rounds down to no whole {lot.Unit}";
        else if (x == 0)
            reason = "nothing, because other offers gave better value for the whole lot";
        else if (x == cap && cap < offer.Volume)
            reason = $"capped at {Percent(_rules.MaxSharePerMember)}% of {lot.Title} by the consortium rule";
        else if (floor > 0 && x == floor && x < offer.Volume)
            reason = $"the micro-member floor of {Percent(_rules.MicroMinShare)}%";
        else if (capacityFull && x < offer.Volume)
            reason = $"limited by its overall capacity of {capacity:#,##0} {lot.Unit} across lots";
        else if (x == offer.Volume)
            reason = "all it declared";
        else
            reason = "where the rising cost of concentration makes the next unit dearer than another member's";

        var notes = Notes(offer, lot);
        return $"{offer.MemberName}: {amount}, {reason}{(notes.Count > 0 ? "; " + string.Join(", ", notes) : "")}.";
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
