using System.Security.Cryptography;
using System.Text;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// A member's personal delivery link (/delivery/m/&lt;token&gt;): where it sees its invoices, what is paid and what is
/// late, without an account. The token is derived from the node's invitation secret, the contract and the member,
/// so it needs no storage and cannot be guessed; a link is checked by deriving the tokens of the contract's members.
/// </summary>
public sealed class DeliveryLinks(InvitationTokenIssuer issuer, PublicLinks links)
{
    public string Token(string contractId, string memberId) => issuer.Issue("delivery:" + contractId, memberId, "delivery");

    public string Member(string contractId, string memberId) => links.Absolute($"/delivery/m/{Token(contractId, memberId)}");

    public string Lead(string opportunityId) => links.Absolute($"/lead/delivery/{Uri.EscapeDataString(opportunityId)}");

    /// <summary>Whether <paramref name="token"/> is this member's link to this contract (compared in constant time).</summary>
    public bool Matches(string token, string contractId, string memberId) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(Token(contractId, memberId)));
}
