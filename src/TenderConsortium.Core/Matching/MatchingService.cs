namespace TenderConsortium.Core.Matching;

/// <summary>
/// Matches a stored opportunity against the stored registry: what the CLI, the API and the MatchPartners activity
/// share. The index is built per call; a registry of a few thousand members builds in milliseconds. Rotation and
/// conflicts of interest come from the source (past bids, member profiles, declarations) unless the caller gives them.
/// </summary>
public sealed class MatchingService(IMatchingSource source)
{
    /// <summary>Null when no opportunity has that id or OCID.</summary>
    public async Task<MatchResult?> MatchAsync(string idOrOcid, MatchingOptions? options = null, MatchContext? context = null, CancellationToken cancellationToken = default)
    {
        if (await source.FindOpportunityAsync(idOrOcid, cancellationToken) is not { } found) return null;
        var members = await source.MembersForAsync(found.Id, cancellationToken);
        var known = await source.ContextForAsync(found.Id, (options ?? MatchingOptions.Default).RotationWindowDays, cancellationToken);
        var given = context ?? MatchContext.Empty;
        var merged = given with
        {
            Conflicts = given.Conflicts.Count > 0 ? given.Conflicts : known.Conflicts,
            Rotation = given.Rotation.Count > 0 ? given.Rotation : known.Rotation,
        };
        return new PartnerMatcher(MemberIndex.Build(members), options).Match(found.Id, found.Opportunity, merged);
    }
}
