using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Matching;

public static class MatchingSourceExtensions
{
    /// <summary>The opportunity by id or OCID, or bad input naming it: what every lead action starts from.</summary>
    public static async Task<(string Id, Opportunity Opportunity)> RequireOpportunityAsync(this IMatchingSource source, string idOrOcid,
        CancellationToken cancellationToken = default) =>
        await source.FindOpportunityAsync(idOrOcid, cancellationToken)
        ?? throw new BadInputException($"opportunity: no opportunity with id or OCID '{idOrOcid}'");
}
