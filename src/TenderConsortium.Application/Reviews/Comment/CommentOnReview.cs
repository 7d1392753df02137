namespace TenderConsortium.Application.Reviews.Comment;

/// <param name="Section">The pack's section the comment is about, e.g. "Social value" or "Lot 2 delivery model".</param>
public sealed record CommentOnReview(string Opportunity, string Adviser, string Section, string Text, string? ConsortiumId = null);
