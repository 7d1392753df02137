using System.Text.Json.Nodes;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Application.Delivery.Start;

/// <summary>
/// Makes sure a contract in delivery has its contract-delivery workflow watching payments, once. The award writes
/// the contract inside the bid's step; the workflow can only start after that step commits, so the door that recorded
/// the outcome starts it at once and the node's sweep starts any a crash left behind. A start that committed but was
/// not yet recorded on the contract is found by its correlation (the contract's id); if two starts still race, the
/// workflow's first step claims the contract and the second ends without sending anything.
/// </summary>
public sealed class DeliveryWatch(IDeliveryStore store, IBidStore bids, WorkflowRuntime runtime, WorkflowQueries queries)
{
    public const string WorkflowId = "contract-delivery";

    /// <summary>Starts watching the opportunity's contract if it is in delivery and not yet watched; null when there is none.</summary>
    public async Task<Guid?> EnsureForOpportunityAsync(string opportunityId, string actor, CancellationToken cancellationToken = default) =>
        await store.FindByOpportunityAsync(opportunityId, cancellationToken) is { } contract
            ? await EnsureAsync(contract, null, actor, cancellationToken)
            : null;

    /// <param name="settings">The workflow's settings; when null, those the award kept on the bid's workflow.</param>
    public async Task<Guid> EnsureAsync(DeliveryContract contract, JsonObject? settings, string actor, CancellationToken cancellationToken = default)
    {
        if (contract.InstanceId is { } watched) return watched;
        var started = await queries.ListInstancesAsync(definitionId: WorkflowId, correlationId: contract.Id, take: 1, ct: cancellationToken);
        if (started.Count > 0) return started[0].Id;
        settings = settings?.DeepClone().AsObject() ?? await AwardSettingsAsync(contract, cancellationToken);
        if (contract.LeadEmail is { Length: > 0 } lead && !settings.ContainsKey("leadEmail")) settings["leadEmail"] = lead;
        var variables = new JsonObject { ["contractId"] = contract.Id, ["opportunityId"] = contract.OpportunityId };
        return (await runtime.StartAsync(WorkflowId, variables, settings, correlationId: contract.Id, actor: actor, ct: cancellationToken)).InstanceId;
    }

    /// <summary>Starts the workflow of every contract that has none (the sweep after a crash); returns how many it started.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = 0;
        foreach (var contract in await store.ListAsync(null, cancellationToken))
        {
            if (contract.InstanceId is not null) continue;
            var existing = await queries.ListInstancesAsync(definitionId: WorkflowId, correlationId: contract.Id, take: 1, ct: cancellationToken);
            if (existing.Count > 0) continue;
            await EnsureAsync(contract, null, "the delivery sweep", cancellationToken);
            started++;
        }

        return started;
    }

    private async Task<JsonObject> AwardSettingsAsync(DeliveryContract contract, CancellationToken cancellationToken)
    {
        var bid = await bids.FindAsync(contract.OpportunityId, cancellationToken);
        var instance = bid?.InstanceId is { } id ? await queries.GetInstanceAsync(id, cancellationToken) : null;
        return instance?.Variables[StartDeliveryActivity.Variable]?["settings"] is JsonObject kept ? kept.DeepClone().AsObject() : new JsonObject();
    }
}
