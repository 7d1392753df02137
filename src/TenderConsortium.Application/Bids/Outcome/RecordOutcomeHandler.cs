using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Application.Bids.Outcome;

/// <summary>The lead records the buyer's decision per lot; members are told, and for won lots sub-contracts follow and delivery starts.</summary>
public sealed class RecordOutcomeHandler(BidOpportunities opportunities, IMatchingSource source, BidSignals signals, Delivery.Start.DeliveryWatch delivery)
{
    public async Task HandleAsync(RecordOutcome command, CancellationToken cancellationToken = default)
    {
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var lots = (await source.RequireOpportunityAsync(id, cancellationToken)).Opportunity.Lots.Select(l => l.Id).ToList();
        var unknown = command.AwardedLots.Where(l => !lots.Contains(l)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new ProblemException("awardedLots", ProblemCode.Invalid, $"no lot {string.Join(", ", unknown.Select(u => $"'{u}'"))}; expected some of {string.Join(", ", lots)}");
        var payload = new JsonObject { ["awardedLots"] = new JsonArray(command.AwardedLots.Distinct().Select(l => (JsonNode)JsonValue.Create(l)).ToArray()) };
        await signals.SendAsync(id, SubmissionSignals.Outcome, id, payload, null, command.Actor, "waiting for the outcome to be recorded", cancellationToken);
        // A won lot started delivery inside the bid's step (StartDelivery); its payment watch can only start now the
        // step has committed. If this process dies first, the node's delivery sweep starts it.
        CrashPoints.Hit("outcome-recorded");
        if (command.AwardedLots.Count > 0) await delivery.EnsureForOpportunityAsync(id, command.Actor, cancellationToken);
    }
}
