using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Delivery;

internal sealed class DeliveryReturnRecordConfiguration : IEntityTypeConfiguration<DeliveryReturnRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryReturnRecord> e)
    {
        e.ToTable("delivery_returns");
        e.HasKey(x => new { x.ContractId, x.Period, x.MemberId }).HasName("pk_delivery_returns");
    }
}
