using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Allocations;

internal sealed class AllocationRecordConfiguration : IEntityTypeConfiguration<AllocationRecord>
{
    public void Configure(EntityTypeBuilder<AllocationRecord> e)
    {
        e.ToTable("allocations");
        e.HasKey(x => new { x.OpportunityId, x.Round }).HasName("pk_allocations");
        e.HasIndex(x => new { x.Status, x.UpdatedAt }).HasDatabaseName("ix_allocations_status_updated_at");
    }
}
