using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Application.Bids;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Reviews.Decide;

/// <summary>
/// The adviser's decision on the pack under review, which resumes the bid's workflow: approve moves on to submission,
/// changes send it back. Approving a pack whose automatic checks failed needs a reason per failed check; the reasons
/// go with the decision and the workflow stores them on the review round, where the lead and `bid show` see them.
/// </summary>
public sealed class DecideReviewHandler(PendingReviews pending, IReviewStore reviews, BidSignals signals, BidDocuments documents)
{
    public async Task<Review> HandleAsync(DecideReview command, CancellationToken cancellationToken = default)
    {
        if (command.Decision == ReviewDecision.Pending)
            throw new ProblemException("decision", ProblemCode.Invalid, "choose to approve the bid pack or to request changes");
        var summary = command.Summary?.Trim();
        if (summary?.Length > PendingReviews.MaxTextLength)
            throw new ProblemException("summary", ProblemCode.Invalid, $"enter a summary of at most {PendingReviews.MaxTextLength:N0} characters");
        var current = await pending.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var payload = new JsonObject { ["decision"] = command.Decision == ReviewDecision.Approved ? "approve" : "changes" };
        if (command.Decision == ReviewDecision.ChangesRequested)
        {
            if (string.IsNullOrEmpty(summary) && current.Comments.Count == 0)
                throw new ProblemException("summary", ProblemCode.Invalid, "say what should change, or add comments to sections first");
        }
        else
        {
            var accepted = FailedChecks.Accept(documents.ChecksOf(current.OpportunityId, current.BidPackVersion), command.AcceptedChecks, "approve it");
            if (accepted.Count > 0) payload["acceptedChecks"] = JsonSerializer.SerializeToNode(accepted, DomainJson.Options);
        }

        if (!string.IsNullOrEmpty(summary)) payload["summary"] = summary;
        await signals.SendAsync(current.OpportunityId, ReviewSignals.Decision, current.OpportunityId, payload, $"review:{current.Round}", command.Adviser,
            "waiting for an adviser's review", cancellationToken);
        return (await reviews.CurrentAsync(current.OpportunityId, cancellationToken))!;
    }
}
