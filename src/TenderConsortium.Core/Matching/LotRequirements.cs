using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Core.Matching;

/// <summary>What a lot demands of every member (hard rules) and what it favours (scored), inferred by <see cref="RequirementRules"/>.</summary>
/// <param name="MinimumTurnover">The selection minimum for annual turnover, when the notice states one (a bidder-level check).</param>
public sealed record LotRequirements(
    IReadOnlyList<CertificationRequirement> Mandatory,
    IReadOnlyList<CertificationKind> Favoured,
    decimal? MinimumTurnover)
{
    /// <summary>Insurance the bidder must hold (a bidder-level check, like turnover).</summary>
    public IReadOnlyList<InsuranceRequirement> Insurance { get; init; } = [];
}

/// <param name="Why">Plain words for why it is required ("health and social work services").</param>
public sealed record CertificationRequirement(CertificationKind Kind, string Why);
