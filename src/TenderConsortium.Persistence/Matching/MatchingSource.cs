using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Persistence.Matching;

/// <summary>Matching's view of the domain database: an opportunity by id or OCID, and every member with its stored id.</summary>
public sealed class MatchingSource(string connectionString) : IMatchingSource
{
    public async Task<(string Id, Opportunity Opportunity)?> FindOpportunityAsync(string idOrOcid, CancellationToken cancellationToken = default) =>
        await new OpportunityQueries(connectionString).FindAsync(idOrOcid, cancellationToken) is { } stored ? (stored.Id, stored.Opportunity) : null;

    public async Task<IReadOnlyList<MatchMember>> MembersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TenderDatabase.Open(connectionString);
        var members = new List<MatchMember>();
        await foreach (var record in db.Members.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            members.Add(new MatchMember(record.Id, MemberRecords.ToMember(record)));
        return members;
    }
}
