using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;

namespace TenderConsortium.Application.Reviews;

/// <summary>The review round an adviser's comment or decision acts on: the opportunity's current one, still waiting.</summary>
public sealed class PendingReviews(BidOpportunities opportunities, IReviewStore reviews)
{
    /// <summary>Longest comment or summary an adviser can write: a page of text, not a pasted document.</summary>
    public const int MaxTextLength = 4000;

    public async Task<Review> RequireAsync(string idOrOcid, string? consortiumId, CancellationToken cancellationToken)
    {
        var id = await opportunities.RequireAsync(idOrOcid, consortiumId, cancellationToken);
        var current = await reviews.CurrentAsync(id, cancellationToken);
        return current is { Decision: ReviewDecision.Pending }
            ? current
            : throw new ProblemException("review", ProblemCode.Conflict, "there is no bid pack waiting for review for this opportunity");
    }
}
