namespace TenderConsortium.Core.Opportunities;

/// <summary>Where a lot is delivered: places to match on, and the buyer's own words about delivery kept as text.</summary>
public sealed record PlaceReading(IReadOnlyList<string> Places, IReadOnlyList<string> DeliveryText);
