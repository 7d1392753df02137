using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Invitations;

internal sealed class DeclarationRoundRecordConfiguration : IEntityTypeConfiguration<DeclarationRoundRecord>
{
    public void Configure(EntityTypeBuilder<DeclarationRoundRecord> e)
    {
        e.ToTable("declaration_rounds");
        e.HasKey(x => x.OpportunityId).HasName("pk_declaration_rounds");
    }
}
