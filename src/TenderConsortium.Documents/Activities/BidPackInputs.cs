using System.Text.Json.Nodes;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Documents.Activities;

/// <summary>What both document activities start from: the bid's inputs, loaded with the instance's settings as of now.</summary>
internal static class BidPackInputs
{
    public static async Task<BidPackInput> LoadAsync(ActivityContext context, string opportunity)
    {
        // Joined to the step's unit of work: the pack is built from what the burst has written so far.
        var source = context.Service<IBidPackSource>();
        var settings = context.ResolvePath("settings") as JsonObject;
        return await source.LoadAsync(opportunity, ConsortiumProfile.FromSettings(settings), AllocationRules.FromSettings(settings),
                   DateOnly.FromDateTime(context.Now.UtcDateTime))
               ?? throw new InvalidOperationException($"{context.Node.Type}: no opportunity with id or OCID '{opportunity}'.");
    }
}
