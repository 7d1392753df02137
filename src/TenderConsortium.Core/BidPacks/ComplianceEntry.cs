namespace TenderConsortium.Core.BidPacks;

/// <param name="Kind">"award" or "selection".</param>
/// <param name="LotId">Null for a tender-level criterion.</param>
/// <param name="Weight">The published weight ("60", "15-40%"), or null.</param>
/// <param name="SectionId">One of <see cref="BidPackSections"/>.</param>
public sealed record ComplianceEntry(string Kind, string? LotId, string Criterion, string? Weight, string SectionId, string Reason);
