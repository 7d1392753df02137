namespace TenderConsortium.Core.Declarations;

/// <summary>A member's promise against one social-value measure (e.g. SV01, 2 local FTE hired), in the measure's unit.</summary>
public sealed record SocialValueCommitment(string MeasureId, decimal Quantity, string Unit, string? Note = null);
