using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Persistence.Allocations;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Invitations;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Persistence.BidPacks;

/// <summary>
/// The bid pack's view of the domain database: the opportunity, the latest declarations, the current allocation, the
/// lot terms of the declaration round and every member those name. Without a stored allocation (a pack drafted before
/// the lead ran one) the declarations are allocated on the fly with the same builder and solver, as round 1.
/// </summary>
public sealed class BidPackSource(TenderContexts contexts) : IBidPackSource
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public BidPackSource(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<BidPackInput?> LoadAsync(string opportunityIdOrOcid, ConsortiumProfile profile, AllocationRules rules, DateOnly asOf,
        CancellationToken cancellationToken = default)
    {
        var stored = await new OpportunityQueries(contexts).FindAsync(opportunityIdOrOcid, cancellationToken);
        if (stored is null) return null;
        var opportunity = stored.Opportunity;
        var declarations = await new DeclarationStore(contexts).LatestAsync(stored.Id, cancellationToken);
        var allocation = await new AllocationStore(contexts).CurrentAsync(stored.Id, cancellationToken);
        var round = await new InvitationStore(contexts).RoundAsync(stored.Id, cancellationToken);
        var terms = round?.Terms is { Count: > 0 } set
            ? opportunity.Lots.Select(l => set.FirstOrDefault(t => t.LotId == l.Id) ?? LotTermsReader.Read(opportunity, null).First(t => t.LotId == l.Id)).ToList()
            : LotTermsReader.Read(opportunity, null);

        var ids = declarations.Select(d => d.MemberId)
            .Concat(allocation?.Result.Lots.SelectMany(l => l.Shares).Select(s => s.MemberId) ?? [])
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var queries = new MemberQueries(contexts);
        var members = new List<BidPackMember>();
        foreach (var id in ids)
            if (await queries.FindAsync(id, cancellationToken) is { } member)
                members.Add(new BidPackMember(member.Id, member.Member));

        var result = allocation?.Result ?? new AllocationSolver(rules).Solve(
            new AllocationProblemBuilder(rules).Build(opportunity, terms, declarations, members.ToDictionary(m => m.Id, m => m.Member)));
        return new BidPackInput
        {
            OpportunityId = stored.Id,
            Opportunity = opportunity,
            Members = members,
            Declarations = declarations,
            Allocation = result,
            AllocationRound = allocation?.Round ?? 1,
            AllocationUpdatedAt = allocation?.UpdatedAt ?? declarations.Select(d => d.SubmittedAt).DefaultIfEmpty(stored.UpdatedAt).Max(),
            LotTerms = terms,
            Rules = rules,
            Profile = profile,
            AsOf = asOf,
        };
    }
}
