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

    /// <summary>Eight-digit CPV codes, lot items first, then tender-level codes; unknown codes kept (and warned about).</summary>
    public IReadOnlyList<string> Cpv { get; init; } = [];

    /// <summary>Council-area codes (S12…), S92000003 for all of Scotland, otherwise the region code or name as given.</summary>
    public IReadOnlyList<string> Places { get; init; } = [];

    public IReadOnlyList<AwardCriterion> AwardCriteria { get; init; } = [];

    public IReadOnlyList<SelectionCriterion> SelectionCriteria { get; init; } = [];

    public ContractPeriod? ContractPeriod { get; init; }

    public Renewal? Renewal { get; init; }
}
