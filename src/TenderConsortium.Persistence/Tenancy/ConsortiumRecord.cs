using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Tenancy;

/// <summary>A consortium (a lead body and its members): the unit of tenancy.</summary>
public sealed class ConsortiumRecord
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public long CreatedAt { get; set; }
}

internal sealed class ConsortiumRecordConfiguration : IEntityTypeConfiguration<ConsortiumRecord>
{
    public void Configure(EntityTypeBuilder<ConsortiumRecord> e)
    {
        e.ToTable("consortia");
        e.HasKey(x => x.Id).HasName("pk_consortia");
        e.HasIndex(x => x.Name).IsUnique().HasDatabaseName("ix_consortia_name");
    }
}
