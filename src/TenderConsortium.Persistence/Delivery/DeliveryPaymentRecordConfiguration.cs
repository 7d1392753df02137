using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Delivery;

internal sealed class DeliveryPaymentRecordConfiguration : IEntityTypeConfiguration<DeliveryPaymentRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryPaymentRecord> e)
    {
        e.ToTable("delivery_payments");
        e.HasKey(x => new { x.ContractId, x.InvoiceId, x.ReferenceKey }).HasName("pk_delivery_payments");
    }
}
