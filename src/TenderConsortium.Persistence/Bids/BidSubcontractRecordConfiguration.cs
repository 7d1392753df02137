using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Bids;

internal sealed class BidSubcontractRecordConfiguration : IEntityTypeConfiguration<BidSubcontractRecord>
{
    public void Configure(EntityTypeBuilder<BidSubcontractRecord> e)
    {
        e.ToTable("bid_subcontracts");
        e.HasKey(x => new { x.BidId, x.MemberId }).HasName("pk_bid_subcontracts");
    }
}
