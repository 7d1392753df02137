namespace TenderConsortium.Persistence.Opportunities;

/// <summary>
/// An opportunity row: query columns for lists and filters, and the whole mapped model as JSON. Instants are UTC
/// ticks (comparable in SQL on both providers); the deadline's published offset is kept beside it.
/// </summary>
public sealed class OpportunityRecord
{
    public required string Id { get; set; }

    public required string Ocid { get; set; }

    /// <summary>The consortium that imported it (tenancy); OCIDs are unique per consortium.</summary>
    public string ConsortiumId { get; set; } = Tenancy.Consortia.Default;

    public required string Source { get; set; }

    public required string Title { get; set; }

    public required string BuyerName { get; set; }

    public string? Reference { get; set; }

    public long? ValueMinor { get; set; }

    public string? Currency { get; set; }

    public long? DeadlineUtc { get; set; }

    public int? DeadlineOffsetMinutes { get; set; }

    public int LotCount { get; set; }

    public int Revision { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    /// <summary>The mapped <see cref="Core.Opportunities.Opportunity"/> as JSON (DomainJson).</summary>
    public required string Model { get; set; }
}
