namespace TenderConsortium.Application.Bids.Outcome;

/// <param name="AwardedLots">The lots won; empty when nothing was won.</param>
public sealed record RecordOutcome(string Opportunity, IReadOnlyList<string> AwardedLots, string Actor, string? ConsortiumId = null);
