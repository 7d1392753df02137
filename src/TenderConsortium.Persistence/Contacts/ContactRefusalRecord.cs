using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Contacts;

/// <summary>A row of <c>contact_refusals</c>: one per address the relay refused permanently (lower-case).</summary>
public sealed class ContactRefusalRecord
{
    public required string Address { get; set; }

    public required string Reason { get; set; }

    public long RefusedAt { get; set; }

    public long? LeadToldAt { get; set; }
}

internal sealed class ContactRefusalRecordConfiguration : IEntityTypeConfiguration<ContactRefusalRecord>
{
    public void Configure(EntityTypeBuilder<ContactRefusalRecord> e)
    {
        e.ToTable("contact_refusals");
        e.HasKey(x => x.Address).HasName("pk_contact_refusals");
    }
}
