using System.Text.Json.Nodes;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// Solves an opportunity's allocation from what is stored: the round's lot terms, the latest declarations, the
/// members' registry entries, the match scores and recent awards, under the rules in <paramref name="settings"/>.
/// </summary>
public sealed class AllocationPlanner(
    IMatchingSource opportunities,
    IInvitationStore invitations,
    IDeclarationStore declarations,
    IMemberDirectory members,
    IAllocationStore allocations)
{
    public async Task<AllocationResult> SolveAsync(string opportunityId, JsonObject? settings, MatchResult? shortlist, DateTimeOffset now,
        IReadOnlyList<ShareOverride> overrides, IReadOnlyList<string> withdrawn, CancellationToken cancellationToken = default)
    {
        var found = await opportunities.FindOpportunityAsync(opportunityId, cancellationToken)
                    ?? throw new InvalidOperationException($"no opportunity with id '{opportunityId}'");
        var round = await invitations.RoundAsync(found.Id, cancellationToken);
        var terms = round?.Terms ?? LotTermsReader.Read(found.Opportunity, null);
        var latest = await declarations.LatestAsync(found.Id, cancellationToken);
        var registry = await members.FindAsync(latest.Select(d => d.MemberId), cancellationToken);
        var tender = TenderSettings.From(settings);
        var awards = await allocations.RecentAwardsAsync(now - tender.RotationWindow, found.Id, cancellationToken);
        var rules = AllocationRules.FromSettings(settings);
        var problem = new AllocationProblemBuilder(rules, tender.SocialValueFullMeasures).Build(found.Opportunity, terms, latest, registry, shortlist, awards);
        return new AllocationSolver(rules).SolveWithout(problem, withdrawn, overrides);
    }
}
