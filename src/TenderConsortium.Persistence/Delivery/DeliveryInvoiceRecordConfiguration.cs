using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Delivery;

internal sealed class DeliveryInvoiceRecordConfiguration : IEntityTypeConfiguration<DeliveryInvoiceRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryInvoiceRecord> e)
    {
        e.ToTable("delivery_invoices");
        e.HasKey(x => new { x.ContractId, x.Id }).HasName("pk_delivery_invoices");
        e.HasIndex(x => new { x.MemberId, x.PaidOn }).HasDatabaseName("ix_delivery_invoices_member_paid_on");
    }
}
