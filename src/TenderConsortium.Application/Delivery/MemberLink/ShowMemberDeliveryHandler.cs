using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>
/// A member's own delivery view from its personal link. A link that matches no member of any contract is refused
/// with one plain answer, so it tells nothing about which contracts exist.
/// </summary>
public sealed class ShowMemberDeliveryHandler(IDeliveryStore store, DeliveryLinks links, LatePaymentOptions options, TimeProvider time)
{
    public async Task<MemberDeliveryView> HandleAsync(ShowMemberDelivery query, CancellationToken cancellationToken = default)
    {
        if (query.Token.Length is < 20 or > 100) throw Refused();
        foreach (var contract in await store.ListAsync(null, cancellationToken))
        {
            var member = contract.Members.FirstOrDefault(m => links.Matches(query.Token, contract.Id, m.MemberId));
            if (member is null) continue;
            var today = DeliveryContracts.Today(time);
            var mine = contract.MemberInvoices.Where(i => i.MemberId == member.MemberId).ToList();
            return new MemberDeliveryView(contract.Title, contract.Buyer, member.Name, member.Lines, contract.PeriodOn(today),
                mine.OrderByDescending(i => i.Period).Select(i => InvoiceView.Of(i, member.Name, today, options)).ToList(),
                mine.Sum(i => i.Outstanding), mine.Where(i => i.IsOverdue(today)).Sum(i => i.Outstanding), contract.LeadEmail ?? "");
        }

        throw Refused();
    }

    private static ProblemException Refused() => new("token", ProblemCode.NotFound, "this link is not valid; use the latest link the consortium emailed you");
}
