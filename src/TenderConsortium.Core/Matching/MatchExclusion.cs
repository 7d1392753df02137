namespace TenderConsortium.Core.Matching;

/// <param name="Reasons">Every hard rule the member fails ("does not serve Glasgow City", "PVG expired on 2019-05-31, before the deadline 2019-06-11").</param>
public sealed record MatchExclusion(string MemberId, string Name, IReadOnlyList<string> Reasons);
