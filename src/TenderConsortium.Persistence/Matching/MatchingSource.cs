using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Allocations;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Persistence.Matching;

/// <summary>
/// Matching's view of the domain database: an opportunity by id or OCID, and every member with its stored id. Scoped
/// to a consortium (constructed with its id), it finds only that consortium's opportunities and members. It also
/// feeds rotation (members' invitations and accepted awards on the consortium's other bids) and the conflicts of
/// interest members declared for this bid.
/// </summary>
public sealed class MatchingSource(TenderContexts contexts, string? consortiumId = null, TimeProvider? time = null) : IMatchingSource
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public MatchingSource(string connectionString, string? consortiumId = null, TimeProvider? time = null) : this(new TenderContexts(connectionString), consortiumId, time) { }

    public async Task<MatchContext> ContextForAsync(string opportunityId, int windowDays, CancellationToken cancellationToken = default)
    {
        var since = (time ?? TimeProvider.System).GetUtcNow() - TimeSpan.FromDays(windowDays);
        var awards = await new AllocationStore(contexts).RecentAwardsAsync(since, opportunityId, cancellationToken);
        Dictionary<string, int> invitations;
        await using (var db = contexts.Open())
        {
            var ticks = since.UtcTicks;
            invitations = (await db.Invitations.AsNoTracking()
                    .Where(i => i.OpportunityId != opportunityId && i.IssuedAt >= ticks)
                    .Select(i => new { i.MemberId, i.OpportunityId })
                    .Distinct()
                    .ToListAsync(cancellationToken))
                .GroupBy(i => i.MemberId)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var rotation = invitations.Keys.Union(awards.Keys)
            .ToDictionary(m => m, m => new RotationHistory(invitations.GetValueOrDefault(m), awards.GetValueOrDefault(m)), StringComparer.Ordinal);

        // A conflict declared for this bid is a conflict with this bid's buyer.
        var buyer = (await FindOpportunityAsync(opportunityId, cancellationToken))?.Opportunity.Buyer;
        var conflicts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (buyer is not null)
            foreach (var declaration in await new DeclarationStore(contexts).LatestAsync(opportunityId, cancellationToken))
                if (declaration.Conflicts.Count > 0) conflicts[declaration.MemberId] = [buyer.Name];

        return new MatchContext { Rotation = rotation, Conflicts = conflicts };
    }

    public async Task<(string Id, Opportunity Opportunity)?> FindOpportunityAsync(string idOrOcid, CancellationToken cancellationToken = default) =>
        await new OpportunityQueries(contexts).FindAsync(idOrOcid, consortiumId, cancellationToken) is { } stored ? (stored.Id, stored.Opportunity) : null;

    public Task<IReadOnlyList<MatchMember>> MembersAsync(CancellationToken cancellationToken = default) => LoadAsync(consortiumId, cancellationToken);

    /// <summary>Only the members of the opportunity's own consortium: a bid never invites another consortium's members.</summary>
    public async Task<IReadOnlyList<MatchMember>> MembersForAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        var owner = await new OpportunityQueries(contexts).ConsortiumOfAsync(opportunityId, cancellationToken);
        return await LoadAsync(owner ?? consortiumId, cancellationToken);
    }

    private async Task<IReadOnlyList<MatchMember>> LoadAsync(string? consortium, CancellationToken cancellationToken)
    {
        await using var db = contexts.Open();
        var query = db.Members.AsNoTracking();
        if (consortium is not null) query = query.Where(m => m.ConsortiumId == consortium);
        var members = new List<MatchMember>();
        await foreach (var record in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            members.Add(new MatchMember(record.Id, MemberRecords.ToMember(record)));
        return members;
    }
}
