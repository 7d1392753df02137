using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Declarations;

internal sealed class DeclarationRecordConfiguration : IEntityTypeConfiguration<DeclarationRecord>
{
    public void Configure(EntityTypeBuilder<DeclarationRecord> e)
    {
        e.ToTable("declarations");
        e.HasKey(x => x.Id).HasName("pk_declarations");
        e.HasIndex(x => new { x.OpportunityId, x.MemberId, x.Revision }).IsUnique().HasDatabaseName("ix_declarations_opportunity_member_revision");
    }
}
