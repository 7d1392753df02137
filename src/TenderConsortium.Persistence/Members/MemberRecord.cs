namespace TenderConsortium.Persistence.Members;

/// <summary>
/// A member row: query columns (lists joined with ';' so a registry-wide filter needs no join) and the whole
/// <see cref="Core.Members.Member"/> as JSON.
/// </summary>
public sealed class MemberRecord
{
    public required string Id { get; set; }

    public required string RegistrationNumber { get; set; }

    /// <summary>The consortium the member belongs to (tenancy); registration numbers are unique per consortium.</summary>
    public string ConsortiumId { get; set; } = Tenancy.Consortia.Default;

    public required string Name { get; set; }

    public required string LegalForm { get; set; }

    public string? Email { get; set; }

    public required string Cpv { get; set; }

    public required string ServiceAreas { get; set; }

    public long? AnnualTurnoverMinor { get; set; }

    public long? MaxContractValueMinor { get; set; }

    public string? Currency { get; set; }

    public double? StaffFte { get; set; }

    public bool AssetLock { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public required string Profile { get; set; }
}
