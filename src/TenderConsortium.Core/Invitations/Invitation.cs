namespace TenderConsortium.Core.Invitations;

/// <summary>
/// One member invited to declare for one opportunity. The link works until <see cref="ExpiresAt"/> (the declaration
/// deadline plus any grace, or later when the lead reopens it for this member) unless the lead revoked it.
/// </summary>
public sealed record Invitation(
    string OpportunityId,
    string MemberId,
    string MemberName,
    string Email,
    Guid InstanceId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsOpenAt(DateTimeOffset now) => RevokedAt is null && now <= ExpiresAt;
}
