namespace TenderConsortium.Core.Allocation;

/// <summary>
/// One lot to split: the demand in whole units of <paramref name="Unit"/> ("hours", "places", "sessions" or "value"
/// in whole pounds), the price per unit the buyer or lead expects (the yardstick prices are scored against; when
/// null, the dearest offer in the lot), and the council areas it serves (for words only: locality is on the offer).
/// </summary>
public sealed record AllocationLot(
    string Id,
    string Title,
    long Demand,
    string Unit = "hours",
    decimal? ReferencePricePerUnit = null,
    IReadOnlyList<string>? CouncilAreas = null);
