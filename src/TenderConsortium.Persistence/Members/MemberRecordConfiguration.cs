using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Members;

internal sealed class MemberRecordConfiguration : IEntityTypeConfiguration<MemberRecord>
{
    public void Configure(EntityTypeBuilder<MemberRecord> e)
    {
        e.ToTable("members");
        e.HasKey(x => x.Id).HasName("pk_members");
        e.HasIndex(x => x.RegistrationNumber).IsUnique().HasDatabaseName("ix_members_registration_number");
        e.HasIndex(x => x.Name).HasDatabaseName("ix_members_name");
    }
}
