namespace TenderConsortium.Core.BidPacks;

/// <summary>One automatic check of the adviser's checklist, with what it found in words.</summary>
public sealed record BidPackCheck(string Id, string Title, CheckStatus Status, string Detail);
