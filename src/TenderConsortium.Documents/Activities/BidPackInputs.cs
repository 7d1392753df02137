using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Documents.Activities;

/// <summary>What both document activities start from: the bid's inputs, loaded with the instance's settings as of now.</summary>
internal static class BidPackInputs
{
    public static async Task<BidPackInput> LoadAsync(ActivityContext context, string opportunity)
    {
        var source = context.Services.GetService<IBidPackSource>()
                     ?? throw new InvalidOperationException($"{context.Node.Type} needs an IBidPackSource service (see AddBidPacks).");
        var settings = context.ResolvePath("settings") as JsonObject;
        return await source.LoadAsync(opportunity, ConsortiumProfile.FromSettings(settings), AllocationRules.FromSettings(settings),
                   DateOnly.FromDateTime(context.Now.UtcDateTime))
               ?? throw new InvalidOperationException($"{context.Node.Type}: no opportunity with id or OCID '{opportunity}'.");
    }
}
