using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Matching;

/// <summary>Where matching reads the notice and the registry from (the domain database in production).</summary>
public interface IMatchingSource
{
    /// <summary>The opportunity by id or OCID with its id; null when there is none.</summary>
    Task<(string Id, Opportunity Opportunity)?> FindOpportunityAsync(string idOrOcid, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MatchMember>> MembersAsync(CancellationToken cancellationToken = default);
}
