namespace TenderConsortium.Core.Delivery;

/// <summary>
/// How fast invoices were paid: the median and 95th percentile of days from receipt to payment (nearest rank, so each
/// figure is a real invoice's) and the share paid within the payment term. The figure a member's SPD 4C.4 and a
/// buyer's prompt-payment check ask about.
/// </summary>
public sealed record DaysToPay(int Paid, decimal? Median, int? Percentile95, decimal? WithinTermsShare)
{
    public static DaysToPay Of(IEnumerable<Invoice> invoices)
    {
        var paid = invoices.Where(i => i.DaysToPay is not null).ToList();
        if (paid.Count == 0) return new DaysToPay(0, null, null, null);
        var days = paid.Select(i => i.DaysToPay!.Value).Order().ToList();
        var middle = days.Count / 2;
        decimal median = days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2m;
        var rank = (int)Math.Ceiling(0.95 * days.Count);
        var within = paid.Count(i => i.DaysToPay <= i.PaymentDays);
        return new DaysToPay(paid.Count, median, days[rank - 1], (decimal)within / paid.Count);
    }
}
