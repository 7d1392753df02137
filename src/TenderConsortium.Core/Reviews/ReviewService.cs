using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Core.Reviews;

/// <summary>
/// What advisers read: the queue across consortia and an opportunity's current review round. Comments and decisions
/// are use cases of the application layer (Application/Reviews).
/// </summary>
public sealed class ReviewService(IReviewStore reviews, IMatchingSource opportunities)
{
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

    private async Task<string> IdAsync(string idOrOcid, CancellationToken cancellationToken) =>
        (await opportunities.RequireOpportunityAsync(idOrOcid, cancellationToken)).Id;
}
