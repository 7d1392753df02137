namespace TenderConsortium.Persistence.Allocations;

/// <summary>One allocation round of an opportunity: the result and the consents as JSON, the status as text.</summary>
public sealed class AllocationRecord
{
    public required string OpportunityId { get; set; }

    public int Round { get; set; }

    public required string Status { get; set; }

    public required string Result { get; set; }

    public required string Consents { get; set; }

    public long UpdatedAt { get; set; }
}
