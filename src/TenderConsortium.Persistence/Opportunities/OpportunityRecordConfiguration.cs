using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Opportunities;

internal sealed class OpportunityRecordConfiguration : IEntityTypeConfiguration<OpportunityRecord>
{
    public void Configure(EntityTypeBuilder<OpportunityRecord> e)
    {
        e.ToTable("opportunities");
        e.HasKey(x => x.Id).HasName("pk_opportunities");
        e.HasIndex(x => new { x.ConsortiumId, x.Ocid }).IsUnique().HasDatabaseName("ix_opportunities_consortium_ocid");
        e.HasIndex(x => x.DeadlineUtc).HasDatabaseName("ix_opportunities_deadline_utc");
    }
}
