namespace TenderConsortium.Core.Matching;

/// <param name="Requirements">What the lot demands of every member, in words ("PVG required: health and social work services").</param>
/// <param name="Candidates">Eligible members, best first; equal scores in member-id order.</param>
/// <param name="Excluded">Relevant members that fail a hard rule, closest CPV fit first.</param>
/// <param name="Gaps">CPV codes and places no eligible member covers ("no member serves Orkney Islands for lot 3").</param>
public sealed record LotMatch(
    string LotId,
    string Title,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<MatchCandidate> Candidates,
    IReadOnlyList<MatchExclusion> Excluded,
    IReadOnlyList<string> Gaps)
{
    /// <summary>
    /// Requirements on the bidder, not on each member (minimum turnover, insurance levels): in the lead-partner model the
    /// lead body bids, so these are checked once for the consortium, never used to exclude a member.
    /// </summary>
    public IReadOnlyList<string> ConsortiumChecks { get; init; } = [];
}
