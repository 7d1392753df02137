using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Core.Reviews;

/// <summary>
/// The adviser's side of a review: the queue across consortia, comments per section (stored at once, shown to the
/// lead), and the decision, which resumes the workflow: approve moves on to submission, changes go back.
/// </summary>
public sealed class ReviewService(IReviewStore reviews, IMatchingSource opportunities, BidSignals signals, TimeProvider time)
{
    public const int MaxCommentLength = 4000;

    public async Task<IReadOnlyList<ReviewQueueItem>> QueueAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<ReviewQueueItem>();
        foreach (var review in await reviews.PendingAsync(cancellationToken))
        {
            var found = await opportunities.FindOpportunityAsync(review.OpportunityId, cancellationToken);
            if (found is null) continue;
            items.Add(new ReviewQueueItem(review, found.Value.Opportunity.Title, found.Value.Opportunity.Buyer.Name, found.Value.Opportunity.Deadline));
        }

        return items;
    }

    public async Task<Review?> CurrentAsync(string idOrOcid, CancellationToken cancellationToken = default) =>
        await reviews.CurrentAsync(await IdAsync(idOrOcid, cancellationToken), cancellationToken);

    public async Task<Review> CommentAsync(string idOrOcid, string adviser, string section, string text, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(section)) problems.Add("section: required, e.g. \"Social value\" or \"Lot 2 delivery model\"");
        else if (section.Trim().Length > 200) problems.Add("section: expected at most 200 characters");
        if (string.IsNullOrWhiteSpace(text)) problems.Add("text: required");
        else if (text.Trim().Length > MaxCommentLength) problems.Add($"text: expected at most {MaxCommentLength:N0} characters");
        if (problems.Count > 0) throw new BadInputException(problems);
        var current = await PendingAsync(idOrOcid, cancellationToken);
        var updated = current with { Comments = [.. current.Comments, new ReviewComment(section.Trim(), text.Trim(), adviser, time.GetUtcNow())] };
        await reviews.SaveAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>Approve, or request changes (a summary or at least one comment is then required so the lead knows what to change).</summary>
    public async Task<Review> DecideAsync(string idOrOcid, string adviser, ReviewDecision decision, string? summary, CancellationToken cancellationToken = default)
    {
        if (decision == ReviewDecision.Pending) throw new BadInputException("decision: expected approve or changes");
        var current = await PendingAsync(idOrOcid, cancellationToken);
        if (decision == ReviewDecision.ChangesRequested && string.IsNullOrWhiteSpace(summary) && current.Comments.Count == 0)
            throw new BadInputException("summary: say what should change (or add comments to sections first)");
        if (summary?.Trim().Length > MaxCommentLength) throw new BadInputException($"summary: expected at most {MaxCommentLength:N0} characters");
        var payload = new JsonObject { ["decision"] = decision == ReviewDecision.Approved ? "approve" : "changes" };
        if (!string.IsNullOrWhiteSpace(summary)) payload["summary"] = summary.Trim();
        await signals.SendAsync(current.OpportunityId, ReviewSignals.Decision, current.OpportunityId, payload, $"review:{current.Round}", adviser,
            "waiting for an adviser's review", cancellationToken);
        return (await reviews.CurrentAsync(current.OpportunityId, cancellationToken))!;
    }

    private async Task<Review> PendingAsync(string idOrOcid, CancellationToken cancellationToken)
    {
        var id = await IdAsync(idOrOcid, cancellationToken);
        var current = await reviews.CurrentAsync(id, cancellationToken);
        if (current is not { Decision: ReviewDecision.Pending })
            throw new BadInputException("there is no bid pack waiting for review for this opportunity");
        return current;
    }

    private async Task<string> IdAsync(string idOrOcid, CancellationToken cancellationToken) =>
        (await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken)).Id;
}
