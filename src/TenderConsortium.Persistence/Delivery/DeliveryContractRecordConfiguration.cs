using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Delivery;

internal sealed class DeliveryContractRecordConfiguration : IEntityTypeConfiguration<DeliveryContractRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryContractRecord> e)
    {
        e.ToTable("delivery_contracts");
        e.HasKey(x => x.Id).HasName("pk_delivery_contracts");
        // One contract per won bid: a second start loses here even when two doors race.
        e.HasIndex(x => x.BidId).IsUnique().HasDatabaseName("ix_delivery_contracts_bid_id");
        e.HasIndex(x => x.OpportunityId).HasDatabaseName("ix_delivery_contracts_opportunity_id");
        e.HasIndex(x => x.ConsortiumId).HasDatabaseName("ix_delivery_contracts_consortium_id");
        e.Property(x => x.Concurrency).IsConcurrencyToken();
        e.HasMany(x => x.Returns).WithOne().HasForeignKey(x => x.ContractId).HasConstraintName("fk_delivery_returns_delivery_contracts_contract_id").OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Invoices).WithOne().HasForeignKey(x => x.ContractId).HasConstraintName("fk_delivery_invoices_delivery_contracts_contract_id").OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Payments).WithOne().HasForeignKey(x => x.ContractId).HasConstraintName("fk_delivery_payments_delivery_contracts_contract_id").OnDelete(DeleteBehavior.Cascade);
    }
}
