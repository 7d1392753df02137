using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// What to split: the lots, the members' offers (at most one per member per lot) and members' overall capacities.
/// The constructor refuses inconsistent input (unknown lot, duplicate offer, negative volume, scores outside 0–1),
/// naming each problem, so the solver only ever sees a well-formed problem.
/// </summary>
public sealed class AllocationProblem
{
    public AllocationProblem(IEnumerable<AllocationLot> lots, IEnumerable<Offer> offers, IEnumerable<MemberCapacity>? capacities = null)
    {
        Lots = lots.ToList();
        Offers = offers.ToList();
        Capacities = (capacities ?? []).ToList();
        var problems = new List<string>();
        var lotIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lot in Lots)
        {
            if (!lotIds.Add(lot.Id))
                problems.Add($"lots: lot '{lot.Id}' appears twice");
            if (lot.Demand < 0)
                problems.Add($"lots['{lot.Id}'].demand: must not be negative");
            if (lot.ReferencePricePerUnit <= 0)
                problems.Add($"lots['{lot.Id}'].referencePricePerUnit: must be positive");
        }
        var pairs = new HashSet<(string, string)>();
        foreach (var offer in Offers)
        {
            var where = $"offers['{offer.MemberId}','{offer.LotId}']";
            if (!lotIds.Contains(offer.LotId))
                problems.Add($"{where}.lotId: no such lot");
            if (!pairs.Add((offer.MemberId, offer.LotId)))
                problems.Add($"{where}: a member may make one offer per lot");
            if (offer.Volume < 0)
                problems.Add($"{where}.volume: must not be negative");
            if (offer.PricePerUnit < 0)
                problems.Add($"{where}.pricePerUnit: must not be negative");
            if (offer.Quality is < 0 or > 1 || offer.SocialValue is < 0 or > 1)
                problems.Add($"{where}: quality and socialValue are scores from 0 to 1");
            if (offer.RecentAwards < 0)
                problems.Add($"{where}.recentAwards: must not be negative");
        }
        var capacityIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var capacity in Capacities)
        {
            if (!capacityIds.Add(capacity.MemberId))
                problems.Add($"capacities['{capacity.MemberId}']: appears twice");
            if (capacity.MaxVolume < 0)
                problems.Add($"capacities['{capacity.MemberId}'].maxVolume: must not be negative");
        }
        if (problems.Count > 0)
            throw new BadInputException(problems);
    }

    public IReadOnlyList<AllocationLot> Lots { get; }

    public IReadOnlyList<Offer> Offers { get; }

    public IReadOnlyList<MemberCapacity> Capacities { get; }

    /// <summary>The member's overall capacity, or null when it stated none.</summary>
    public long? CapacityOf(string memberId) => Capacities.FirstOrDefault(c => c.MemberId == memberId)?.MaxVolume;

    /// <summary>The same problem without the member's offers and capacity, as after it withdraws.</summary>
    public AllocationProblem WithoutMember(string memberId) =>
        new(Lots, Offers.Where(o => o.MemberId != memberId), Capacities.Where(c => c.MemberId != memberId));
}
