using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Persistence.Matching;

/// <summary>
/// Matching's view of the domain database: an opportunity by id or OCID, and every member with its stored id. Scoped
/// to a consortium (constructed with its id), it finds only that consortium's opportunities and members.
/// </summary>
public sealed class MatchingSource(string connectionString, string? consortiumId = null) : IMatchingSource
{
    public async Task<(string Id, Opportunity Opportunity)?> FindOpportunityAsync(string idOrOcid, CancellationToken cancellationToken = default) =>
        await new OpportunityQueries(connectionString).FindAsync(idOrOcid, consortiumId, cancellationToken) is { } stored ? (stored.Id, stored.Opportunity) : null;

    public Task<IReadOnlyList<MatchMember>> MembersAsync(CancellationToken cancellationToken = default) => LoadAsync(consortiumId, cancellationToken);

    /// <summary>Only the members of the opportunity's own consortium: a bid never invites another consortium's members.</summary>
    public async Task<IReadOnlyList<MatchMember>> MembersForAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        var owner = await new OpportunityQueries(connectionString).ConsortiumOfAsync(opportunityId, cancellationToken);
        return await LoadAsync(owner ?? consortiumId, cancellationToken);
    }

    private async Task<IReadOnlyList<MatchMember>> LoadAsync(string? consortium, CancellationToken cancellationToken)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var query = db.Members.AsNoTracking();
        if (consortium is not null) query = query.Where(m => m.ConsortiumId == consortium);
        var members = new List<MatchMember>();
        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            members.Add(new MatchMember(record.Id, MemberRecords.ToMember(record)));
        return members;
    }
}
