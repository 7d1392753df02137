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
        var problems = new List<Problem>();
        var lotIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lot in Lots)
        {
            var at = $"lots['{lot.Id}']";
            if (!lotIds.Add(lot.Id))
                problems.Add(Invalid(at, $"Lot {lot.Id} is listed twice; list each lot once"));
            if (lot.Demand < 0)
                problems.Add(Invalid($"{at}.demand", $"Enter how much lot {lot.Id} needs as 0 or more"));
            if (lot.ReferencePricePerUnit <= 0)
                problems.Add(Invalid($"{at}.referencePricePerUnit", $"Enter a reference price for lot {lot.Id} above £0"));
        }
        var pairs = new HashSet<(string, string)>();
        foreach (var offer in Offers)
        {
            var at = $"offers['{offer.MemberId}','{offer.LotId}']";
            var whose = $"Member {offer.MemberId}'s offer for lot {offer.LotId}";
            if (!lotIds.Contains(offer.LotId))
                problems.Add(Invalid($"{at}.lotId", $"{whose} names a lot the notice does not have; choose one of its lots"));
            if (!pairs.Add((offer.MemberId, offer.LotId)))
                problems.Add(Invalid(at, $"{whose} is given twice; a member makes one offer per lot"));
            if (offer.Volume < 0)
                problems.Add(Invalid($"{at}.volume", $"{whose} needs a volume of 0 or more"));
            if (offer.PricePerUnit < 0)
                problems.Add(Invalid($"{at}.pricePerUnit", $"{whose} needs a price of £0 or more"));
            if (offer.Quality is < 0 or > 1 || offer.SocialValue is < 0 or > 1)
                problems.Add(Invalid(at, $"{whose} needs quality and social value scores from 0 to 1"));
            if (offer.RecentAwards < 0)
                problems.Add(Invalid($"{at}.recentAwards", $"{whose} needs recent awards of 0 or more"));
        }
        var capacityIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var capacity in Capacities)
        {
            var at = $"capacities['{capacity.MemberId}']";
            if (!capacityIds.Add(capacity.MemberId))
                problems.Add(Invalid(at, $"Member {capacity.MemberId}'s capacity is given twice; give it once"));
            if (capacity.MaxVolume < 0)
                problems.Add(Invalid($"{at}.maxVolume", $"Member {capacity.MemberId}'s capacity must be 0 or more"));
        }
        if (problems.Count > 0)
            throw new ProblemException(problems);
    }

    private static Problem Invalid(string path, string message) => new(path, ProblemCode.Invalid, message);

    public IReadOnlyList<AllocationLot> Lots { get; }

    public IReadOnlyList<Offer> Offers { get; }

    public IReadOnlyList<MemberCapacity> Capacities { get; }

    /// <summary>The member's overall capacity, or null when it stated none.</summary>
    public long? CapacityOf(string memberId) => Capacities.FirstOrDefault(c => c.MemberId == memberId)?.MaxVolume;

    /// <summary>The same problem without the member's offers and capacity, as after it withdraws.</summary>
    public AllocationProblem WithoutMember(string memberId) =>
        new(Lots, Offers.Where(o => o.MemberId != memberId), Capacities.Where(c => c.MemberId != memberId));
}
