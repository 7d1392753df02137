namespace TenderConsortium.Core.Invitations;

/// <summary>
/// A link that opens nothing: forged, mistyped, revoked, or for something else. The message is the same for every
/// cause so that a guess learns nothing about which opportunities or members exist.
/// </summary>
public sealed class InvitationRefusedException() : Exception(PublicMessage)
{
    public const string PublicMessage = "This link is not valid. If you were invited to declare, ask the consortium lead for a new link.";
}
