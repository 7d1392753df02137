namespace TenderConsortium.Core.Matching;

/// <param name="Score">0–1, rounded to three decimals so that equal-looking scores are equal and the tie-break decides.</param>
/// <param name="Reasons">Plain words for every signal that counted ("offers taxi services (CPV 60120000), which this lot asks for", "serves North Ayrshire").</param>
public sealed record MatchCandidate(string MemberId, string Name, double Score, IReadOnlyList<string> Reasons);
