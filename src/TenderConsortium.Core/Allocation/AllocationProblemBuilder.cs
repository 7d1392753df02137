using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Turns an opportunity's declarations into the solver's problem. Per offer: quality is the member's match score for
/// the lot (0.5 when it was not scored); social value is the share of <c>fullMeasures</c> distinct measures it
/// committed to in the lot; micro means fewer staff than the rules' threshold (registry FTE, else declared staff);
/// local means one of the member's own service areas (not "all Scotland") is among the lot's council areas;
/// recent awards feed rotation. Value lots also respect each member's largest contract value.
/// </summary>
public sealed class AllocationProblemBuilder(AllocationRules rules, int fullMeasures = 3)
{
    public AllocationProblem Build(
        Opportunity opportunity,
        IReadOnlyList<LotTerms> terms,
        IEnumerable<CapacityDeclaration> declarations,
        IReadOnlyDictionary<string, Member> members,
        MatchResult? shortlist = null,
        IReadOnlyDictionary<string, int>? recentAwards = null)
    {
        var places = ScottishPlaces.Default;
        var lots = opportunity.Lots.Select(lot =>
        {
            var t = terms.FirstOrDefault(x => x.LotId == lot.Id) ?? new LotTerms(lot.Id, LotUnits.Value, (long)(lot.Value?.Amount ?? 0));
            var councils = lot.Places.Where(p => places.FindByCode(p) is not null).ToList();
            return new AllocationLot(lot.Id, lot.Title, t.Demand, t.Unit, t.ReferencePricePerUnit, councils);
        }).ToList();

        var offers = new List<Offer>();
        foreach (var declaration in declarations.Where(d => !d.Declined).OrderBy(d => d.MemberId, StringComparer.Ordinal))
        {
            members.TryGetValue(declaration.MemberId, out var member);
            var staff = member?.StaffFte is { } fte ? (int)Math.Ceiling(fte) : declaration.Lots.Select(l => l.Staff).DefaultIfEmpty(0).Max();
            foreach (var offer in declaration.Lots)
            {
                var lot = lots.FirstOrDefault(l => l.Id == offer.LotId);
                if (lot is null) continue;
                var score = shortlist?.Lots.FirstOrDefault(l => l.LotId == offer.LotId)?.Candidates.FirstOrDefault(c => c.MemberId == declaration.MemberId)?.Score;
                var own = (member?.ServiceAreas ?? []).Where(a => !a.Equals(ScottishPlaces.ScotlandCode, StringComparison.OrdinalIgnoreCase));
                offers.Add(new Offer(
                    declaration.MemberId,
                    member?.Name ?? declaration.MemberId,
                    offer.LotId,
                    Math.Min(offer.Volume, lot.Demand),
                    offer.PricePerUnit,
                    Quality: score is { } s ? decimal.Round((decimal)Math.Clamp(s, 0, 1), 2) : 0.5m,
                    SocialValue: decimal.Round(Math.Min(1m, offer.SocialValue.Select(c => c.MeasureId).Distinct().Count() / (decimal)Math.Max(1, fullMeasures)), 2),
                    IsMicro: rules.IsMicroMember(staff),
                    IsLocal: lot.CouncilAreas?.Intersect(own, StringComparer.OrdinalIgnoreCase).Any() == true,
                    RecentAwards: recentAwards?.GetValueOrDefault(declaration.MemberId) ?? 0));
            }
        }

        var capacities = lots.All(l => l.Unit == LotUnits.Value)
            ? offers.Select(o => o.MemberId).Distinct()
                .Where(id => members.TryGetValue(id, out var m) && m.MaxContractValue is not null)
                .Select(id => new MemberCapacity(id, (long)decimal.Floor(members[id].MaxContractValue!.Amount)))
                .ToList()
            : [];
        return new AllocationProblem(lots, offers, capacities);
    }
}
