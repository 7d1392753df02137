namespace TenderConsortium.Core.Matching;

/// <param name="Score">0–1, rounded to three decimals so that equal-looking scores are equal and the tie-break decides.</param>
/// <param name="Reasons">Plain words for every signal that counted ("CPV 85311000 falls under your 85310000", "serves North Ayrshire").</param>
public sealed record MatchCandidate(string MemberId, string Name, double Score, IReadOnlyList<string> Reasons);
