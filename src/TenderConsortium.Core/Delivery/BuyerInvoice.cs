namespace TenderConsortium.Core.Delivery;

/// <summary>
/// The lead's invoice to the buyer for one period: the members' invoices for it plus the management fee, shown
/// separately so the buyer and members see the same top-slice the bid priced.
/// </summary>
public sealed class BuyerInvoice : Invoice
{
    private BuyerInvoice(string id, int period, decimal membersTotal, decimal fee, DateOnly receivedOn, int paymentDays, IEnumerable<Payment> payments)
        : base(id, period, membersTotal + fee, receivedOn, paymentDays, payments)
    {
        MembersTotal = membersTotal;
        Fee = fee;
    }

    public decimal MembersTotal { get; }

    public decimal Fee { get; }

    public static string IdFor(int period) => $"P{period}-buyer";

    internal static BuyerInvoice Raise(int period, decimal membersTotal, decimal fee, DateOnly issuedOn, int paymentDays) =>
        new(IdFor(period), period, membersTotal, fee, issuedOn, paymentDays, []);

    /// <summary>Rebuilds a stored invoice (persistence only).</summary>
    public static BuyerInvoice Restore(string id, int period, decimal membersTotal, decimal fee, DateOnly receivedOn, int paymentDays, IEnumerable<Payment> payments) =>
        new(id, period, membersTotal, fee, receivedOn, paymentDays, payments);
}
