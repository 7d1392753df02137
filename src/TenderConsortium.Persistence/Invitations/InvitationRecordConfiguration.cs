using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Invitations;

internal sealed class InvitationRecordConfiguration : IEntityTypeConfiguration<InvitationRecord>
{
    public void Configure(EntityTypeBuilder<InvitationRecord> e)
    {
        e.ToTable("invitations");
        e.HasKey(x => x.Id).HasName("pk_invitations");
        e.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName("ix_invitations_token_hash");
        e.HasIndex(x => new { x.OpportunityId, x.MemberId }).IsUnique().HasDatabaseName("ix_invitations_opportunity_member");
    }
}
