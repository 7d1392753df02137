using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.MemberLink;

/// <summary>
/// The digest's "what you are owed": unpaid member invoices whose member reads mail at the digest's address. The
/// digest is composed synchronously (the runtime's <c>IMailDigest</c> contract) on a worker thread with no
/// synchronisation context, so waiting on the store here cannot deadlock.
/// </summary>
public sealed class OwedStatements(IDeliveryStore store, DeliveryLinks links) : IOwedStatements
{
    public IReadOnlyList<OwedInvoice> For(string recipient, DateOnly day) =>
        store.ListAsync(null).GetAwaiter().GetResult()
            .SelectMany(c => c.Members.Where(m => string.Equals(m.Email?.Trim(), recipient.Trim(), StringComparison.OrdinalIgnoreCase))
                .SelectMany(m => c.MemberInvoices.Where(i => i.MemberId == m.MemberId && i.Outstanding > 0)
                    .Select(i => new OwedInvoice(c.Title, i.Id, c.Period(i.Period), i.Outstanding, i.DueOn, i.DaysLate(day), links.Member(c.Id, m.MemberId)))))
            .OrderBy(o => o.DueOn).ThenBy(o => o.InvoiceId, StringComparer.Ordinal)
            .ToList();
}
