using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Portfolio;

/// <summary>The lead's portfolio of contracts in delivery: how fast members are paid, what is owed and overdue, and social value delivered.</summary>
public sealed class ShowPortfolioHandler(IDeliveryStore store, TimeProvider time)
{
    public async Task<PortfolioView> HandleAsync(ShowPortfolio query, CancellationToken cancellationToken = default)
    {
        var contracts = await store.ListAsync(query.ConsortiumId, cancellationToken);
        var today = DeliveryContracts.Today(time);
        var invoices = contracts.SelectMany(c => c.MemberInvoices.Select(i => (Contract: c, Invoice: i))).ToList();
        var members = invoices.GroupBy(x => x.Invoice.MemberId)
            .Select(g => new MemberPaymentView(g.Key, g.First().Contract.Member(g.Key).Name, DaysToPay.Of(g.Select(x => x.Invoice)),
                g.Sum(x => x.Invoice.Outstanding), g.Where(x => x.Invoice.IsOverdue(today)).Sum(x => x.Invoice.Outstanding), g.Count(x => x.Invoice.DaysLate(today) > 0)))
            .OrderBy(m => m.MemberName, StringComparer.Ordinal).ToList();
        var social = contracts.SelectMany(c =>
        {
            var report = PeriodReport.For(c, c.PeriodOn(today).Number, today, new LatePaymentOptions());
            return report.SocialValue.GroupBy(s => (s.MeasureId, s.Unit))
                .Select(g => new ContractSocialValueView(c.Title, g.Key.MeasureId, g.Key.Unit, g.Sum(s => s.Committed), g.Sum(s => s.DeliveredToDate)));
        }).ToList();
        return new PortfolioView(contracts.Count, DaysToPay.Of(invoices.Select(x => x.Invoice)), members, invoices.Sum(x => x.Invoice.Outstanding),
            invoices.Where(x => x.Invoice.IsOverdue(today)).Sum(x => x.Invoice.Outstanding), social, today);
    }
}
