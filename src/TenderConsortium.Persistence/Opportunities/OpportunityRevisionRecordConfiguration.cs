using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Opportunities;

internal sealed class OpportunityRevisionRecordConfiguration : IEntityTypeConfiguration<OpportunityRevisionRecord>
{
    public void Configure(EntityTypeBuilder<OpportunityRevisionRecord> e)
    {
        e.ToTable("opportunity_revisions");
        e.HasKey(x => new { x.OpportunityId, x.Revision }).HasName("pk_opportunity_revisions");
        e.HasOne<OpportunityRecord>().WithMany().HasForeignKey(x => x.OpportunityId).HasConstraintName("fk_opportunity_revisions_opportunities").OnDelete(DeleteBehavior.Cascade);
    }
}
