using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Consortium;

/// <summary>A row of <c>consortium_profiles</c>: one per consortium, times as UTC ticks like the other domain tables.</summary>
public sealed class LeadProfileRecord
{
    public required string ConsortiumId { get; set; }

    public required string LegalName { get; set; }

    public required string RegistrationNumber { get; set; }

    public required string SignatoryName { get; set; }

    public required string SignatoryRole { get; set; }

    public required string ContactEmail { get; set; }

    public required string ContactPhone { get; set; }

    public required string Address { get; set; }

    /// <summary>Empty on a profile saved before the adviser was asked for: a bid cannot start until it is given.</summary>
    public string AdviserEmail { get; set; } = "";

    public long UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

internal sealed class LeadProfileRecordConfiguration : IEntityTypeConfiguration<LeadProfileRecord>
{
    public void Configure(EntityTypeBuilder<LeadProfileRecord> e)
    {
        e.ToTable("consortium_profiles");
        e.HasKey(x => x.ConsortiumId).HasName("pk_consortium_profiles");
        // Rows from before the adviser was asked for read as empty (20261204061400_ProfileAdviser).
        e.Property(x => x.AdviserEmail).HasDefaultValue("");
    }
}
