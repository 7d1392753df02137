using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// A tender the consortium may bid for, as imported from a notice. The OCID identifies it across amendments; the
/// original document is stored beside it, not in it.
/// </summary>
public sealed record Opportunity
{
    public required NoticeSource Source { get; init; }

    public required string Ocid { get; init; }

    /// <summary>The OCDS release id; PCS omits it.</summary>
    public string? ReleaseId { get; init; }

    public DateTimeOffset? ReleaseDate { get; init; }

    public string? NoticeUrl { get; init; }

    public required Buyer Buyer { get; init; }

    /// <summary>The buyer's own reference (OCDS tender.id).</summary>
    public string? Reference { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Publisher's release-level notes; PCS puts community benefits and "suitable for consortia" here.</summary>
    public string? AdditionalInformation { get; init; }

    public Money? Value { get; init; }

    public Money? MinValue { get; init; }

    /// <summary>Tender deadline with the offset the buyer published; compare via UtcDateTime.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public ContractPeriod? ContractPeriod { get; init; }

    public Renewal? Renewal { get; init; }

    public Procedure? Procedure { get; init; }

    /// <summary>goods, works or services (OCDS mainProcurementCategory).</summary>
    public string? Category { get; init; }

    public Suitability? Suitability { get; init; }

    public bool CommunityBenefits { get; init; }

    public bool ConsortiaWelcome { get; init; }

    public IReadOnlyList<SelectionCriterion> SelectionCriteria { get; init; } = [];

    public required IReadOnlyList<Lot> Lots { get; init; }
}
