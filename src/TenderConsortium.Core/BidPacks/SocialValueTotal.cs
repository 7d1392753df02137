namespace TenderConsortium.Core.BidPacks;

/// <summary>A social-value measure's total across the consortium, in one unit, with who contributes what.</summary>
public sealed record SocialValueTotal(
    string MeasureId,
    string? TomsCode,
    string Theme,
    string Description,
    string Unit,
    decimal Total,
    IReadOnlyList<SocialValueAttribution> By);
