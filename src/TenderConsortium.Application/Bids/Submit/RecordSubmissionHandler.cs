using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Bids.Submit;

/// <summary>
/// The lead records that the bid went to the buyer. The bid's workflow records it on the Bid (in the same commit as
/// the members' emails) when it is waiting for exactly this; at any other stage it is refused. While a check of the
/// current pack fails, it is refused with one problem per failed check unless the lead gives a reason for each; the
/// reasons are stored with the submission.
/// </summary>
public sealed class RecordSubmissionHandler(BidOpportunities opportunities, BidSignals signals, BidDocuments documents)
{
    private const string Stage = "waiting for the submission to be recorded";

    public async Task HandleAsync(RecordSubmission command, CancellationToken cancellationToken = default)
    {
        if (command.Reference?.Length > 200) throw new ProblemException("reference", ProblemCode.Invalid, "enter at most 200 characters");
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var payload = new JsonObject();
        if (!string.IsNullOrWhiteSpace(command.Reference)) payload["reference"] = command.Reference.Trim();
        // A bid not at this step hears that first: reasons for checks are no use to it.
        if (await signals.IsWaitingAsync(id, SubmissionSignals.Submitted, id, cancellationToken))
        {
            var accepted = FailedChecks.Accept(documents.LatestChecks(id), command.AcceptedChecks, "submit");
            if (accepted.Count > 0) payload["acceptedChecks"] = JsonSerializer.SerializeToNode(accepted, DomainJson.Options);
        }

        await signals.SendAsync(id, SubmissionSignals.Submitted, id, payload, null, command.Actor, Stage, cancellationToken);
    }
}
