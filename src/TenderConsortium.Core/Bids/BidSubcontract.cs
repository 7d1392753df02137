namespace TenderConsortium.Core.Bids;

/// <summary>
/// A sub-contract issued to a member after the award: what it covers, its value, the document, and the payment
/// term that flows down from the main contract (days from receipt of a valid invoice).
/// </summary>
public sealed record BidSubcontract(string MemberId, string MemberName, IReadOnlyList<string> LotIds, decimal Value, string? Document, int PaymentDays, DateTimeOffset IssuedAt);
