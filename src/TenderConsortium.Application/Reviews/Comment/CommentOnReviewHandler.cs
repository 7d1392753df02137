using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;

namespace TenderConsortium.Application.Reviews.Comment;

/// <summary>An adviser's comment on one section of the pack under review: stored at once, shown to the lead.</summary>
public sealed class CommentOnReviewHandler(PendingReviews pending, IReviewStore reviews, TimeProvider time)
{
    public async Task<Review> HandleAsync(CommentOnReview command, CancellationToken cancellationToken = default)
    {
        var problems = new List<Problem>();
        var section = command.Section?.Trim() ?? "";
        var text = command.Text?.Trim() ?? "";
        if (section.Length == 0) problems.Add(new Problem("section", ProblemCode.Invalid, "choose the section of the bid pack the comment is about, for example \"Social value\""));
        else if (section.Length > 200) problems.Add(new Problem("section", ProblemCode.Invalid, "enter a section name of at most 200 characters"));
        if (text.Length == 0) problems.Add(new Problem("text", ProblemCode.Invalid, "enter your comment"));
        else if (text.Length > PendingReviews.MaxTextLength) problems.Add(new Problem("text", ProblemCode.Invalid, $"enter a comment of at most {PendingReviews.MaxTextLength:N0} characters"));
        if (problems.Count > 0) throw new ProblemException(problems);
        var current = await pending.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        var updated = current with { Comments = [.. current.Comments, new ReviewComment(section, text, command.Adviser, time.GetUtcNow())] };
        await reviews.SaveAsync(updated, cancellationToken);
        return updated;
    }
}
