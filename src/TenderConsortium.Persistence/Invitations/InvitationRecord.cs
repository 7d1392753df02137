namespace TenderConsortium.Persistence.Invitations;

/// <summary>An invitation row. The token itself is never stored, only its SHA-256 (hex), which is unique.</summary>
public sealed class InvitationRecord
{
    public required string Id { get; set; }

    public required string OpportunityId { get; set; }

    public required string MemberId { get; set; }

    public required string MemberName { get; set; }

    public required string Email { get; set; }

    public required string InstanceId { get; set; }

    public required string TokenHash { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }
}
