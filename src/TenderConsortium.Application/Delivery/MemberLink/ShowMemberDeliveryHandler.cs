using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>A member's own delivery view from its personal link (see <see cref="MemberDeliveryLink"/> for links that match nobody).</summary>
public sealed class ShowMemberDeliveryHandler(MemberDeliveryLink link, ShowCapacityHandler capacity, LatePaymentOptions options, TimeProvider time)
{
    public async Task<MemberDeliveryView> HandleAsync(ShowMemberDelivery query, CancellationToken cancellationToken = default)
    {
        var (contract, member) = await link.ResolveAsync(query.Token, cancellationToken);
        var today = DeliveryContracts.Today(time);
        var mine = contract.MemberInvoices.Where(i => i.MemberId == member.MemberId).ToList();
        var returns = contract.Periods.Where(p => p.Start <= today)
            .Select(p => (Period: p, Return: contract.Return(p.Number, member.MemberId), Invoice: contract.MemberInvoice(p.Number, member.MemberId)))
            .Select(x => new ReturnPeriodView(x.Period, x.Return, x.Invoice?.Id,
                contract.BuyerInvoice(x.Period.Number) is null && x.Invoice is not { PaidAmount: > 0 }, today > x.Period.End))
            .ToList();
        var ledger = (await capacity.HandleAsync(new ShowCapacity(member.MemberId), cancellationToken)).FirstOrDefault();
        return new MemberDeliveryView(contract.Title, contract.Buyer, member.Name, member.Lines, contract.PeriodOn(today),
            mine.OrderByDescending(i => i.Period).Select(i => InvoiceView.Of(i, member.Name, today, options)).ToList(),
            mine.Sum(i => i.Outstanding), mine.Where(i => i.IsOverdue(today)).Sum(i => i.Outstanding), contract.LeadEmail ?? "", contract.PaymentDays,
            member.Commitments, returns, ledger);
    }
}
