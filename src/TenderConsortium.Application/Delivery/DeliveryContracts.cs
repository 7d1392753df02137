using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Workflows;

namespace TenderConsortium.Application.Delivery;

/// <summary>
/// Finds the contract a delivery command names (by its opportunity, within the caller's consortium) and, after a
/// change, wakes its workflow so it looks at the due dates again. The wake-up is only a nudge: the workflow reads
/// the contract itself when its timer fires, so a change whose nudge was lost still counts.
/// </summary>
public sealed class DeliveryContracts(BidOpportunities opportunities, IDeliveryStore store, WorkflowRuntime runtime)
{
    public async Task<DeliveryContract> RequireAsync(string opportunity, string? consortiumId, CancellationToken cancellationToken)
    {
        var id = await opportunities.RequireAsync(opportunity, consortiumId, cancellationToken);
        return await store.FindByOpportunityAsync(id, cancellationToken)
               ?? throw new ProblemException("opportunity", ProblemCode.NotFound,
                   $"delivery has not started for this opportunity; start it after the award with: tender delivery start {opportunity}");
    }

    /// <summary>Saves a change and tells the contract's workflow, which may now have a notice to send or to drop.</summary>
    public async Task SaveAsync(DeliveryContract contract, string actor, CancellationToken cancellationToken)
    {
        await store.SaveAsync(contract, cancellationToken);
        await NudgeAsync(contract, actor, cancellationToken);
    }

    public async Task NudgeAsync(DeliveryContract contract, string actor, CancellationToken cancellationToken)
    {
        if (contract.InstanceId is not { } instance) return;
        if (!await runtime.IsWaitingAsync(instance, DeliverySignals.Changed, contract.Id, cancellationToken)) return;
        await runtime.ResumeAsync(instance, DeliverySignals.Changed, contract.Id, new System.Text.Json.Nodes.JsonObject(), Guid.NewGuid().ToString("N"), actor, cancellationToken);
    }

    /// <summary>The day as the clock says, for "received on", "paid on" and days late.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
