using TenderConsortium.Core.Bids;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Application.Bids;

/// <summary>
/// Finds an opportunity's bid. A bid begun before the bids table existed (an earlier release) has only its workflow
/// instance: it is adopted here, once, from the instance correlated with the opportunity, so upgrading loses no bid.
/// A start interrupted between reserving the bid and starting its workflow gets its instance attached the same way.
/// </summary>
public sealed class BidLocator(IBidStore bids, WorkflowQueries instances, Persistence.Opportunities.OpportunityQueries opportunities)
{
    /// <summary>The previous release's demo correlated its instance as "demo:&lt;ocid&gt;".</summary>
    private const string LegacyDemoPrefix = "demo:";

    public async Task<Bid?> FindAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        var bid = await bids.FindAsync(opportunityId, cancellationToken);
        if (bid is { InstanceId: not null }) return bid;
        var instance = await CorrelatedAsync(opportunityId, bid?.StartedAt, cancellationToken);
        if (instance is null) return bid;
        if (bid is null) return await bids.EnsureAsync(opportunityId, instance.Id, instance.DefinitionId, instance.CreatedAt, cancellationToken);
        bid.AttachInstance(instance.Id);
        await bids.SaveAsync(bid, cancellationToken);
        return await bids.FindAsync(opportunityId, cancellationToken);
    }

    private async Task<InstanceSummary?> CorrelatedAsync(string opportunityId, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var stored = await opportunities.FindAsync(opportunityId, cancellationToken);
        var keys = stored is null ? [opportunityId] : new[] { opportunityId, stored.Opportunity.Ocid, LegacyDemoPrefix + stored.Opportunity.Ocid };
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var found = (await instances.ListInstancesAsync(correlationId: key, take: 10, ct: cancellationToken))
                .FirstOrDefault(i => i.Status != InstanceStatus.Cancelled && (notBefore is null || i.CreatedAt >= notBefore.Value.AddMinutes(-1)));
            if (found is not null) return found;
        }

        return null;
    }
}
