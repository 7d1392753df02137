namespace TenderConsortium.Persistence.Declarations;

/// <summary>One revision of a member's declaration; the whole declaration is kept as JSON, the history is never rewritten.</summary>
public sealed class DeclarationRecord
{
    public required string Id { get; set; }

    public required string OpportunityId { get; set; }

    public required string MemberId { get; set; }

    public int Revision { get; set; }

    public long SubmittedAt { get; set; }

    public bool Declined { get; set; }

    public required string Body { get; set; }
}
