using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Bids;

internal sealed class BidLotOutcomeRecordConfiguration : IEntityTypeConfiguration<BidLotOutcomeRecord>
{
    public void Configure(EntityTypeBuilder<BidLotOutcomeRecord> e)
    {
        e.ToTable("bid_lot_outcomes");
        e.HasKey(x => new { x.BidId, x.LotId }).HasName("pk_bid_lot_outcomes");
    }
}
