using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>
/// Finds the contract and member a personal delivery link belongs to. A link that matches no member of any contract
/// is refused with one plain answer, so it tells nothing about which contracts exist.
/// </summary>
public sealed class MemberDeliveryLink(IDeliveryStore store, DeliveryLinks links)
{
    public async Task<(DeliveryContract Contract, ContractMember Member)> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100) throw Refused();
        foreach (var contract in await store.ListAsync(null, cancellationToken))
        {
            var member = contract.Members.FirstOrDefault(m => links.Matches(token, contract.Id, m.MemberId));
            if (member is not null) return (contract, member);
        }

        throw Refused();
    }

    private static ProblemException Refused() => new("token", ProblemCode.NotFound, "this link is not valid; use the latest link the consortium emailed you");
}
