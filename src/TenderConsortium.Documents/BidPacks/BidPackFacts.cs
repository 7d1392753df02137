using TenderConsortium.Core.BidPacks;

namespace TenderConsortium.Documents.BidPacks;

/// <summary>
/// The figures computed once from the input and shared by the pack, the pricing schedule, the sub-contracts and the
/// checks, so that every document states the same totals.
/// </summary>
public sealed record BidPackFacts(
    BidPackInput Input,
    PricingSchedule Pricing,
    SocialValueSummary SocialValue,
    SpdChecklist Spd,
    IReadOnlyList<BidPackMember> Delivering,
    IReadOnlyList<ComplianceEntry> Compliance,
    IReadOnlyList<RiskEntry> Risks)
{
    public static BidPackFacts From(BidPackInput input)
    {
        var pricing = PricingSchedule.From(input);
        var delivering = input.Allocation.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => s.MemberId)
            .Distinct().Order(StringComparer.Ordinal)
            .Select(id => input.Member(id) ?? throw new InvalidOperationException($"the allocation names member '{id}', who is not among the pack's members"))
            .OrderBy(m => m.Member.Name, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
        return new BidPackFacts(input, pricing, SocialValueSummary.From(input), SpdChecklist.For(input, pricing, delivering), delivering,
            ComplianceMatrix.For(input.Opportunity), RiskRegister.For(input, pricing));
    }

    /// <summary>A short, stable identifier for the stamp of every document: the allocation's time, else the notice's.</summary>
    public DateTimeOffset Stamp =>
        Input.AllocationUpdatedAt != default ? Input.AllocationUpdatedAt
        : Input.Declarations.Select(d => d.SubmittedAt).DefaultIfEmpty(Input.Opportunity.ReleaseDate ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).Max();
}
