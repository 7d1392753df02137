using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Show;

/// <summary>Where a contract's delivery stands, for the lead: the same view for `tender delivery show`, the API and the lead's page.</summary>
public sealed class ShowDeliveryHandler(DeliveryContracts contracts, LatePaymentOptions options, TimeProvider time)
{
    public async Task<DeliveryView> HandleAsync(ShowDelivery query, CancellationToken cancellationToken = default) =>
        View(await contracts.RequireAsync(query.Opportunity, query.ConsortiumId, cancellationToken), DeliveryContracts.Today(time), options);

    public static DeliveryView View(DeliveryContract contract, DateOnly today, LatePaymentOptions options)
    {
        var names = contract.Members.ToDictionary(m => m.MemberId, m => m.Name);
        var periods = contract.Periods.Select(p => new DeliveryPeriodView(p,
            contract.Members.Where(m => contract.Return(p.Number, m.MemberId) is not null).Select(m => m.Name).ToList(),
            contract.Members.Where(m => contract.MemberInvoice(p.Number, m.MemberId) is not null).Select(m => m.Name).ToList(),
            p.End < today ? contract.Members.Where(m => contract.Return(p.Number, m.MemberId) is null).Select(m => m.Name).ToList() : [],
            contract.BuyerInvoice(p.Number) is { } b ? InvoiceView.Of(b, contract.Buyer, today, options) : null)).ToList();
        var invoices = contract.MemberInvoices.OrderBy(i => i.Period).ThenBy(i => names[i.MemberId], StringComparer.Ordinal)
            .Select(i => InvoiceView.Of(i, names[i.MemberId], today, options)).ToList();
        return new DeliveryView(contract.Id, contract.OpportunityId, contract.Title, contract.Buyer, contract.PeriodLength, contract.ManagementFeeRate, contract.PaymentDays,
            contract.PeriodOn(today), periods, contract.Members, invoices, DaysToPay.Of(contract.MemberInvoices),
            contract.MemberInvoices.Sum(i => i.Outstanding), contract.MemberInvoices.Where(i => i.IsOverdue(today)).Sum(i => i.Outstanding), today,
            contract.Members.Select(m => new MemberDaysToPayView(m.Name, DaysToPay.Of(contract.MemberInvoices.Where(i => i.MemberId == m.MemberId)))).ToList());
    }
}
