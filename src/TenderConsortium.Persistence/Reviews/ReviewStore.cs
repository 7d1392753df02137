using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;

namespace TenderConsortium.Persistence.Reviews;

public sealed class ReviewStore(TenderContexts contexts) : IReviewStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public ReviewStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task SaveAsync(Review review, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await db.Reviews.FirstOrDefaultAsync(r => r.OpportunityId == review.OpportunityId && r.Round == review.Round, cancellationToken);
        if (row is null)
        {
            row = new ReviewRecord { OpportunityId = review.OpportunityId, Round = review.Round, Decision = "", Comments = "[]" };
            db.Reviews.Add(row);
        }

        row.BidPackVersion = review.BidPackVersion;
        row.Decision = review.Decision.ToString();
        row.Comments = JsonSerializer.Serialize(review.Comments, DomainJson.Options);
        row.RequestedAt = review.RequestedAt.UtcTicks;
        row.DueAt = review.DueAt?.UtcTicks;
        row.DecidedBy = review.DecidedBy;
        row.DecidedAt = review.DecidedAt?.UtcTicks;
        row.Summary = review.Summary;
        row.AcceptedChecks = review.AcceptedChecks is { Count: > 0 } accepted ? JsonSerializer.Serialize(accepted, DomainJson.Options) : null;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<Review?> CurrentAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Reviews.AsNoTracking().Where(r => r.OpportunityId == opportunityId).OrderByDescending(r => r.Round).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToReview(row);
    }

    public async Task<IReadOnlyList<Review>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var pending = nameof(ReviewDecision.Pending);
        var rows = await db.Reviews.AsNoTracking().Where(r => r.Decision == pending).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        return rows.Select(ToReview).ToList();
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private static Review ToReview(ReviewRecord row) => new(
        row.OpportunityId,
        row.Round,
        row.BidPackVersion,
        Enum.Parse<ReviewDecision>(row.Decision),
        JsonSerializer.Deserialize<List<ReviewComment>>(row.Comments, DomainJson.Options) ?? [],
        At(row.RequestedAt),
        row.DueAt is { } due ? At(due) : null,
        row.DecidedBy,
        row.DecidedAt is { } decided ? At(decided) : null,
        row.Summary,
        row.AcceptedChecks is null ? [] : JsonSerializer.Deserialize<List<AcceptedCheck>>(row.AcceptedChecks, DomainJson.Options) ?? []);
}
