namespace TenderConsortium.Core.Delivery;

/// <summary>
/// What a member's sub-contract asks of it in one awarded lot: the volume over the whole contract in the lot's unit
/// (hours, places, sessions, or pounds of value) and the agreed price per unit its invoices are computed from.
/// </summary>
public sealed record ContractLine(string LotId, string LotTitle, string Unit, long Volume, decimal PricePerUnit);
