namespace TenderConsortium.Persistence.Opportunities;

/// <summary>
/// One import of an opportunity: the original document exactly as received, and what it changed compared with the
/// previous revision (null for the first). Append-only: history is never rewritten.
/// </summary>
public sealed class OpportunityRevisionRecord
{
    public required string OpportunityId { get; set; }

    public int Revision { get; set; }

    public long RecordedAt { get; set; }

    public string? ReleaseId { get; set; }

    public long? ReleaseDate { get; set; }

    /// <summary>JSON array of {path, before, after}.</summary>
    public string? Changes { get; set; }

    public required string Original { get; set; }
}
