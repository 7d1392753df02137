namespace TenderConsortium.Core.BidPacks;

/// <summary>One member's commitment counted in a measure's total, with the lots it was declared for.</summary>
public sealed record SocialValueAttribution(string MemberId, string MemberName, decimal Quantity, IReadOnlyList<string> LotIds, string? Note);
