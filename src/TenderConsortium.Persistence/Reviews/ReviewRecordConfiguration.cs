using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Reviews;

internal sealed class ReviewRecordConfiguration : IEntityTypeConfiguration<ReviewRecord>
{
    public void Configure(EntityTypeBuilder<ReviewRecord> e)
    {
        e.ToTable("reviews");
        e.HasKey(x => new { x.OpportunityId, x.Round }).HasName("pk_reviews");
        e.HasIndex(x => new { x.Decision, x.RequestedAt }).HasDatabaseName("ix_reviews_decision_requested_at");
    }
}
