namespace TenderConsortium.Core.Reviews;

/// <summary>Review rounds per opportunity; the latest is the current one.</summary>
public interface IReviewStore
{
    Task SaveAsync(Review review, CancellationToken cancellationToken = default);

    Task<Review?> CurrentAsync(string opportunityId, CancellationToken cancellationToken = default);

    /// <summary>Every pending review across consortia, oldest request first: the advisers' queue.</summary>
    Task<IReadOnlyList<Review>> PendingAsync(CancellationToken cancellationToken = default);
}
