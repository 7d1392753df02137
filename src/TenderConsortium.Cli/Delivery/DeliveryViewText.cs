using TenderConsortium.Application.Delivery;
using TenderConsortium.Application.Delivery.Portfolio;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Core.Delivery;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Cli.Delivery;

/// <summary>The delivery views as plain lines for a lead at a terminal.</summary>
internal static class DeliveryViewText
{
    public static void Write(DeliveryView view, TextWriter o)
    {
        o.WriteLine($"{view.Title} for {view.Buyer}");
        o.WriteLine($"  {view.Periods.Count} {(view.PeriodLength == PeriodLength.Monthly ? "monthly" : "quarterly")} periods, {Day(view.Periods[0].Period.Start)} to " +
                    $"{Day(view.Periods[^1].Period.End)}; now in {Period(view.CurrentPeriod)}");
        o.WriteLine($"  members: {string.Join("; ", view.Members.Select(m => $"{m.Name} ({string.Join(", ", m.Lines.Select(l => $"lot {l.LotId} {Quantity(l.Volume)} {l.Unit} at {Money(l.PricePerUnit)}"))})"))}");
        o.WriteLine($"  management fee {Percent(view.ManagementFeeRate * 100)}; members are paid within {Days(view.PaymentDays)} of their invoice");
        o.WriteLine();
        foreach (var p in view.Periods.Where(p => p.Returned.Count > 0 || p.Missing.Count > 0 || p.BuyerInvoice is not null))
        {
            o.WriteLine($"{p.Period.Label}: returns from {(p.Returned.Count == 0 ? "nobody yet" : string.Join(", ", p.Returned))}" +
                        (p.Missing.Count > 0 ? $"; missing from {string.Join(", ", p.Missing)}" : ""));
            if (p.BuyerInvoice is { } b) o.WriteLine($"  invoice to the buyer {b.Id}: {Money(b.Amount)}, {b.Status}");
            foreach (var i in view.MemberInvoices.Where(i => i.Period == p.Period.Number)) WriteInvoice(i, o);
        }

        o.WriteLine();
        WriteDaysToPay("Days to pay members", view.DaysToPay, o);
        o.WriteLine($"Owed to members: {Money(view.OwedToMembers)}, of which overdue: {Money(view.OverdueToMembers)}");
    }

    public static void WriteInvoice(InvoiceView i, TextWriter o)
    {
        o.WriteLine($"  {i.Payee}, invoice {i.Id}: {Money(i.Amount)}, received {Day(i.ReceivedOn)}, due {Day(i.DueOn)}, " +
                    (i.PaidOn is { } paid ? $"paid {Day(paid)}" : $"owed {Money(i.Outstanding)}") + $" ({i.Status})");
        if (i.AdjustmentReason is { } reason) o.WriteLine($"    changed from {Money(i.ComputedAmount ?? i.Amount)}: {reason}");
        if (i.Claim.Any)
            o.WriteLine($"    late payment: interest {Money(i.Claim.Interest)} ({Percent(i.Claim.AnnualRatePercent)} a year on {Money(i.Claim.Debt)} for {Days(i.Claim.DaysLate)}) " +
                        $"and fixed compensation {Money(i.Claim.FixedCompensation)}: {Money(i.Claim.Total)} may be claimed");
    }

    public static void WriteDaysToPay(string label, DaysToPay d, TextWriter o) =>
        o.WriteLine(d.Paid == 0
            ? $"{label}: no invoice paid yet"
            : $"{label} ({d.Paid} paid invoices): median {Quantity(d.Median!.Value)} days, 95th percentile {d.Percentile95} days, {Percent(d.WithinTermsShare!.Value * 100m)} paid within terms");

    public static void Write(PortfolioView view, TextWriter o)
    {
        o.WriteLine($"{view.Contracts} contract(s) in delivery, as at {Day(view.AsOf)}");
        WriteDaysToPay("Days to pay members", view.DaysToPay, o);
        o.WriteLine($"Owed to members: {Money(view.Owed)}, of which overdue: {Money(view.Overdue)}");
        foreach (var m in view.Members)
        {
            o.Write($"  {m.MemberName}: owed {Money(m.Owed)}, overdue {Money(m.Overdue)}, {m.InvoicesLate} invoice(s) late; ");
            WriteDaysToPay("days to pay", m.DaysToPay, o);
        }

        if (view.SocialValue.Count > 0) o.WriteLine("Social value delivered to date:");
        foreach (var s in view.SocialValue) o.WriteLine($"  {s.Title}, {s.MeasureId}: {Quantity(s.Delivered)} of {Quantity(s.Committed)} committed ({s.Unit})");
    }

    public static void Write(IReadOnlyList<CapacityLedger> ledgers, TextWriter o)
    {
        if (ledgers.Count == 0) o.WriteLine("No member is declared, allocated or contracted in any live bid or contract.");
        foreach (var ledger in ledgers)
        {
            o.WriteLine(ledger.OverCommittedMonths.Count == 0 ? ledger.MemberName : $"{ledger.MemberName}: over-committed in {ledger.OverCommittedMonths.Count} month(s) if every pending bid is won");
            foreach (var m in ledger.Months)
                o.WriteLine($"  {m.Month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}: declared {Quantity(m.Declared)} {m.Unit}, allocated {Quantity(m.Allocated)}, contracted {Quantity(m.Contracted)}" +
                            (m.OverCommitted ? $" — over by {Quantity(m.Exposure - m.Declared)} across {string.Join(", ", m.Bids)}" : ""));
        }
    }
}
