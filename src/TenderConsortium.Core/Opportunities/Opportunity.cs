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

    /// <summary>The release's OCDS tags (tender, tenderAmendment…): with the date they order releases of one OCID.</summary>
    public IReadOnlyList<string> ReleaseTags { get; init; } = [];

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

    /// <summary>The notice gave a date without a time; <see cref="Deadline"/> is then the end of that day in UK time (docs/intake.md).</summary>
    public bool DeadlineDateOnly { get; init; }

    /// <summary>The notice's main CPV code (tender.classification), also first in each lot's list.</summary>
    public string? MainCpv { get; init; }

    public ContractPeriod? ContractPeriod { get; init; }

    public Renewal? Renewal { get; init; }

    public Procedure? Procedure { get; init; }

    /// <summary>goods, works or services (OCDS mainProcurementCategory).</summary>
    public string? Category { get; init; }

    public Suitability? Suitability { get; init; }

    public bool CommunityBenefits { get; init; }

    /// <summary>The sentence or field <see cref="CommunityBenefits"/> was read from; null when the notice says nothing.</summary>
    public string? CommunityBenefitsEvidence { get; init; }

    public bool ConsortiaWelcome { get; init; }

    /// <summary>The sentence or field <see cref="ConsortiaWelcome"/> was read from; null when the notice says nothing.</summary>
    public string? ConsortiaWelcomeEvidence { get; init; }

    public SubmissionDetails? Submission { get; init; }

    public IReadOnlyList<NoticeDocument> Documents { get; init; } = [];

    public IReadOnlyList<InsuranceRequirement> Insurance { get; init; } = [];

    public StaffRequirement? Staff { get; init; }

    public Recurrence? Recurrence { get; init; }

    /// <summary>Doubts raised while reading this notice (weights not adding to 100, a date without a time…), kept for the lead.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<SelectionCriterion> SelectionCriteria { get; init; } = [];

    public required IReadOnlyList<Lot> Lots { get; init; }
}
