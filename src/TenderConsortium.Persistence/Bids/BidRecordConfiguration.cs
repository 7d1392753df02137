using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Bids;

internal sealed class BidRecordConfiguration : IEntityTypeConfiguration<BidRecord>
{
    public void Configure(EntityTypeBuilder<BidRecord> e)
    {
        e.ToTable("bids");
        e.HasKey(x => x.Id).HasName("pk_bids");
        // One bid per opportunity: a second start loses here even when two doors race.
        e.HasIndex(x => x.OpportunityId).IsUnique().HasDatabaseName("ix_bids_opportunity_id");
        e.HasIndex(x => x.ConsortiumId).HasDatabaseName("ix_bids_consortium_id");
        e.Property(x => x.Concurrency).IsConcurrencyToken();
        e.HasMany(x => x.Outcomes).WithOne().HasForeignKey(x => x.BidId).HasConstraintName("fk_bid_lot_outcomes_bids_bid_id").OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Subcontracts).WithOne().HasForeignKey(x => x.BidId).HasConstraintName("fk_bid_subcontracts_bids_bid_id").OnDelete(DeleteBehavior.Cascade);
    }
}
