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
    public Money? MinValue { get; init; }

    public string? MainCpv { get; init; }

    public bool DeadlineDateOnly { get; init; }

    public string? CommunityBenefitsEvidence { get; init; }

    public string? ConsortiaWelcomeEvidence { get; init; }

    public SubmissionDetails? Submission { get; init; }

    public IReadOnlyList<InsuranceRequirement> Insurance { get; init; } = [];

    public StaffRequirement? Staff { get; init; }

    public Recurrence? Recurrence { get; init; }

    public int Documents { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

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
        opportunity.ConsortiaWelcome)
    {
        MinValue = opportunity.MinValue,
        MainCpv = opportunity.MainCpv,
        DeadlineDateOnly = opportunity.DeadlineDateOnly,
        CommunityBenefitsEvidence = opportunity.CommunityBenefitsEvidence,
        ConsortiaWelcomeEvidence = opportunity.ConsortiaWelcomeEvidence,
        Submission = opportunity.Submission,
        Insurance = opportunity.Insurance,
        Staff = opportunity.Staff,
        Recurrence = opportunity.Recurrence,
        Documents = opportunity.Documents.Count,
        Warnings = opportunity.Warnings,
    };
}

public sealed record LotSummary(string Id, string Title, Money? Value, IReadOnlyList<string> Cpv, IReadOnlyList<string> Places, IReadOnlyList<CriterionSummary> Criteria)
{
    public string? MainCpv { get; init; }

    public IReadOnlyList<string> DeliveryText { get; init; } = [];

    public static LotSummary From(Lot lot) => new(
        lot.Id,
        lot.Title,
        lot.Value,
        lot.Cpv,
        lot.Places,
        lot.AwardCriteria.Select(c => new CriterionSummary(c.Type, c.Name, c.Weight)).ToList())
    {
        MainCpv = lot.MainCpv,
        DeliveryText = lot.DeliveryText,
    };
}

public sealed record CriterionSummary(string Type, string? Name, CriterionWeight? Weight);
