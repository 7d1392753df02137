using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>The shape `tender opportunity import --json` prints (and the API returns) for an opportunity.</summary>
public sealed record OpportunitySummary(
    string Id,
    string Ocid,
    string Title,
    string Buyer,
    string? Reference,
    Money? Value,
    DateTimeOffset? Deadline,
    IReadOnlyList<LotSummary> Lots,
    Suitability? Suitability,
    bool CommunityBenefits,
    bool ConsortiaWelcome)
{
    public static OpportunitySummary From(string id, Opportunity opportunity) => new(
        id,
        opportunity.Ocid,
        opportunity.Title,
        opportunity.Buyer.Name,
        opportunity.Reference,
        opportunity.Value,
        opportunity.Deadline,
        opportunity.Lots.Select(LotSummary.From).ToList(),
        opportunity.Suitability,
        opportunity.CommunityBenefits,
        opportunity.ConsortiaWelcome);
}

public sealed record LotSummary(string Id, string Title, Money? Value, IReadOnlyList<string> Cpv, IReadOnlyList<string> Places, IReadOnlyList<CriterionSummary> Criteria)
{
    public static LotSummary From(Lot lot) => new(
        lot.Id,
        lot.Title,
        lot.Value,
        lot.Cpv,
        lot.Places,
        lot.AwardCriteria.Select(c => new CriterionSummary(c.Type, c.Name, c.Weight)).ToList());
}

public sealed record CriterionSummary(string Type, string? Name, CriterionWeight? Weight);
