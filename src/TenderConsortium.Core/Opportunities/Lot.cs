using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// A part of an opportunity that is bid for and awarded on its own. A notice without lots has one implicit lot that
/// carries the whole tender, so matching and allocation always work per lot.
/// </summary>
public sealed record Lot
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public Money? Value { get; init; }

    /// <summary>Eight-digit CPV codes, the main code first, then the lot's items, then tender-level codes; unknown codes kept (and warned about).</summary>
    public IReadOnlyList<string> Cpv { get; init; } = [];

    /// <summary>The lot's main CPV code (its items' classification, else the notice's), first in <see cref="Cpv"/>.</summary>
    public string? MainCpv { get; init; }

    /// <summary>Council-area codes (S12…), S92000003 for all of Scotland, otherwise the region code, postcode or region name as given.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    /// <summary>What the buyer wrote about delivery in words ("Across 6 locality areas of North Ayrshire…"): read by people, never matched as a place.</summary>
    public IReadOnlyList<string> DeliveryText { get; init; } = [];

    /// <summary>allowed, notAllowed or required (OCDS submissionTerms.variantPolicy); null when not said.</summary>
    public string? VariantPolicy { get; init; }

    public IReadOnlyList<AwardCriterion> AwardCriteria { get; init; } = [];

    public IReadOnlyList<SelectionCriterion> SelectionCriteria { get; init; } = [];

    public ContractPeriod? ContractPeriod { get; init; }

    public Renewal? Renewal { get; init; }
}
