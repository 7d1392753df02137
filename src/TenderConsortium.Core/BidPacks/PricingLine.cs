namespace TenderConsortium.Core.BidPacks;

/// <summary>One member's part of one lot in the pricing schedule: volume × unit price, rounded to pennies.</summary>
public sealed record PricingLine(
    string LotId,
    string MemberId,
    string MemberName,
    string Registration,
    string Unit,
    long Volume,
    decimal UnitPrice,
    decimal Total);
