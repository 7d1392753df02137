namespace TenderConsortium.Core.Matching;

/// <summary>The matcher's answer for one opportunity: per lot, who can deliver, who cannot and why, and what nobody covers.</summary>
/// <param name="Opportunity">The opportunity's id.</param>
public sealed record MatchResult(string Opportunity, string Title, IReadOnlyList<LotMatch> Lots);
