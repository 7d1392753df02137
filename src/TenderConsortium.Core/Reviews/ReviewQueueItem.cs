namespace TenderConsortium.Core.Reviews;

/// <summary>A pending review as the adviser's queue shows it.</summary>
public sealed record ReviewQueueItem(Review Review, string OpportunityTitle, string BuyerName, DateTimeOffset? TenderDeadline);
