using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Matching;

/// <summary>Where matching reads the notice and the registry from (the domain database in production).</summary>
public interface IMatchingSource
{
    /// <summary>The opportunity by id or OCID with its id; null when there is none.</summary>
    Task<(string Id, Opportunity Opportunity)?> FindOpportunityAsync(string idOrOcid, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MatchMember>> MembersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The members who may bid for this opportunity: those of the consortium it belongs to, where a store keeps several
    /// consortia apart. By default every member.
    /// </summary>
    Task<IReadOnlyList<MatchMember>> MembersForAsync(string opportunityId, CancellationToken cancellationToken = default) => MembersAsync(cancellationToken);

    /// <summary>
    /// What the consortium knows beyond the notice and the registry: members' recent invitations and awards on its
    /// other bids (rotation, within <paramref name="windowDays"/>) and conflicts of interest declared on member
    /// profiles or in declarations for this bid. By default nothing.
    /// </summary>
    Task<MatchContext> ContextForAsync(string opportunityId, int windowDays, CancellationToken cancellationToken = default) => Task.FromResult(MatchContext.Empty);
}
