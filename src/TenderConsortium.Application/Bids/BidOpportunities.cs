using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Application.Bids;

/// <summary>Resolves the opportunity a bid command names, within the caller's consortium when it has one.</summary>
public sealed class BidOpportunities(IMatchingSource opportunities, Persistence.Opportunities.OpportunityQueries queries)
{
    public async Task<string> RequireAsync(string idOrOcid, string? consortiumId, CancellationToken cancellationToken) =>
        (await FindAsync(idOrOcid, consortiumId, cancellationToken)).Id;

    /// <summary>The opportunity with its id; another consortium's is not found, exactly like one that does not exist.</summary>
    public async Task<(string Id, Opportunity Opportunity)> FindAsync(string idOrOcid, string? consortiumId, CancellationToken cancellationToken)
    {
        var found = await opportunities.FindOpportunityAsync(idOrOcid, cancellationToken);
        if (found is null || (consortiumId is not null && await queries.ConsortiumOfAsync(found.Value.Id, cancellationToken) != consortiumId))
            throw new ProblemException("opportunity", ProblemCode.NotFound, $"no opportunity with id or OCID '{idOrOcid}'");
        return found.Value;
    }
}
