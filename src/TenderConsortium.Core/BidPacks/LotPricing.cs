namespace TenderConsortium.Core.BidPacks;

/// <summary>A lot's prices: members' lines, their subtotal, the lead's fee on it and the price bid for the lot.</summary>
public sealed record LotPricing(string LotId, string Title, string Unit, IReadOnlyList<PricingLine> Lines, decimal Subtotal, decimal Fee, decimal Total);
