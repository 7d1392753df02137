using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Core.Bids;

/// <summary>
/// How a tender activity changes the Bid: load it (adopting the running instance when the bid has no row yet), apply
/// one guarded change, save. The store joins the burst's transaction, so the fact commits with the step's emails.
/// </summary>
public static class BidUpdates
{
    public static async Task ApplyAsync(ActivityContext context, string opportunityId, Action<Bid> change)
    {
        var store = context.Service<IBidStore>();
        var bid = await store.EnsureAsync(opportunityId, context.InstanceId, context.Definition.Id, context.Now);
        change(bid);
        await store.SaveAsync(bid);
    }
}
