namespace TenderConsortium.Core.BidPacks;

/// <param name="Part">"II.A/B", "III", "IV", "4C.4" or "4C.10".</param>
/// <param name="Present">Whether the item can be answered from what the member gave; <paramref name="Detail"/> says what is missing.</param>
public sealed record SpdItem(string Part, bool Present, string Detail);
