using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Bids.Submit;

/// <summary>
/// The lead records that the bid went to the buyer. The bid's workflow records it on the Bid (in the same commit as
/// the members' emails) when it is waiting for exactly this; at any other stage it is refused.
/// </summary>
public sealed class RecordSubmissionHandler(BidOpportunities opportunities, BidSignals signals)
{
    public async Task HandleAsync(RecordSubmission command, CancellationToken cancellationToken = default)
    {
        if (command.Reference?.Length > 200) throw new ProblemException("reference", ProblemCode.Invalid, "enter at most 200 characters");
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var payload = new JsonObject();
        if (!string.IsNullOrWhiteSpace(command.Reference)) payload["reference"] = command.Reference.Trim();
        await signals.SendAsync(id, SubmissionSignals.Submitted, id, payload, null, command.Actor, "waiting for the submission to be recorded", cancellationToken);
    }
}
