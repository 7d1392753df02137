namespace TenderConsortium.Core.Bids;

/// <summary>The buyer's decision on one lot of the bid.</summary>
public sealed record LotOutcome(string LotId, bool Awarded, DateTimeOffset RecordedAt, string RecordedBy);
