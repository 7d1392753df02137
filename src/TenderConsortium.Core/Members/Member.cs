using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Members;

/// <summary>
/// A small enterprise in the consortium. The registration number (Companies House, OSCR, FCA society, Italian REA)
/// is the identity: importing the registry again updates members by it.
/// </summary>
public sealed record Member
{
    public required string RegistrationNumber { get; init; }

    public required string Name { get; init; }

    public required LegalForm LegalForm { get; init; }

    public required IReadOnlyList<Contact> Contacts { get; init; }

    /// <summary>Eight-digit CPV 2008 codes the member can deliver; matching treats a code as covering its descendants.</summary>
    public IReadOnlyList<string> Cpv { get; init; } = [];

    /// <summary>Council-area codes (S12…), S92000003 for all of Scotland, or a non-Scottish ITL/NUTS code.</summary>
    public IReadOnlyList<string> ServiceAreas { get; init; } = [];

    public IReadOnlyList<Certification> Certifications { get; init; } = [];

    public decimal? StaffFte { get; init; }

    public Money? AnnualTurnover { get; init; }

    /// <summary>The largest contract value the member would take on; allocation never gives it more.</summary>
    public Money? MaxContractValue { get; init; }

    public bool AssetLock { get; init; }

    public string? CapabilityStatement { get; init; }

    /// <summary>Buyers (names or ids) the member has a standing conflict of interest with, e.g. a director on the buyer's board.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];
}
