using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Members;

internal sealed class MemberRecordConfiguration : IEntityTypeConfiguration<MemberRecord>
{
    public void Configure(EntityTypeBuilder<MemberRecord> e)
    {
        e.ToTable("members");
        e.HasKey(x => x.Id).HasName("pk_members");
        e.HasIndex(x => new { x.ConsortiumId, x.RegistrationNumber }).IsUnique().HasDatabaseName("ix_members_consortium_registration_number");
        e.HasIndex(x => x.Name).HasDatabaseName("ix_members_name");
    }
}
