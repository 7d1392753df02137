namespace TenderConsortium.Persistence.Invitations;

/// <summary>An opportunity's declaration round; lot terms as JSON.</summary>
public sealed class DeclarationRoundRecord
{
    public required string OpportunityId { get; set; }

    public required string InstanceId { get; set; }

    public long Deadline { get; set; }

    public long ClosesAt { get; set; }

    public long? ClosedAt { get; set; }

    public required string Terms { get; set; }
}
