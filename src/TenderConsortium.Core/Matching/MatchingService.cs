namespace TenderConsortium.Core.Matching;

/// <summary>
/// Matches a stored opportunity against the stored registry: what the CLI, the API and the MatchPartners activity
/// share. The index is built per call; a registry of a few thousand members builds in milliseconds.
/// </summary>
public sealed class MatchingService(IMatchingSource source)
{
    /// <summary>Null when no opportunity has that id or OCID.</summary>
    public async Task<MatchResult?> MatchAsync(string idOrOcid, MatchingOptions? options = null, MatchContext? context = null, CancellationToken cancellationToken = default)
    {
        if (await source.FindOpportunityAsync(idOrOcid, cancellationToken) is not { } found) return null;
        var members = await source.MembersForAsync(found.Id, cancellationToken);
        return new PartnerMatcher(MemberIndex.Build(members), options).Match(found.Id, found.Opportunity, context);
    }
}
