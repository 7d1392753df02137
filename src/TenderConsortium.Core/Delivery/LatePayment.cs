namespace TenderConsortium.Core.Delivery;

/// <summary>
/// The Late Payment of Commercial Debts (Interest) Act 1998 arithmetic. Interest is simple, at 8% a year over the
/// reference rate, on what is still owed, for each day after the due date until the day it is paid (a part payment
/// lowers the debt from its day on); a year is 365 days. Fixed compensation (s.5A) depends on the size of the debt:
/// £40 under £1,000, £70 from £1,000 to under £10,000, £100 from £10,000. Nothing is due on an invoice paid on time,
/// and nothing more accrues after the day an invoice is paid.
/// </summary>
public static class LatePayment
{
    public const decimal StatutoryMarginPercent = 8m;

    public static decimal AnnualRatePercent(LatePaymentOptions options) => StatutoryMarginPercent + options.BaseRatePercent;

    public static decimal FixedCompensation(decimal debt) => debt switch
    {
        <= 0m => 0m,
        < 1_000m => 40m,
        < 10_000m => 70m,
        _ => 100m,
    };

    /// <summary>Interest for one day on <paramref name="debt"/>, unrounded.</summary>
    public static decimal DailyInterest(decimal debt, decimal annualRatePercent) => debt * annualRatePercent / 100m / 365m;

    public static LatePaymentClaim Claim(Invoice invoice, DateOnly today, LatePaymentOptions options)
    {
        var rate = AnnualRatePercent(options);
        var daysLate = invoice.DaysLate(today);
        if (daysLate == 0 || invoice.Amount <= 0m) return LatePaymentClaim.None(invoice.Amount, rate);
        // Walk the days after the due date: the debt on each day is the amount less what was paid before it.
        var stop = (invoice.PaidOn ?? today).DayNumber;
        var interest = 0m;
        var owed = invoice.Amount - invoice.Payments.Where(p => p.PaidOn <= invoice.DueOn).Sum(p => p.Amount);
        var from = invoice.DueOn.DayNumber;
        foreach (var payment in invoice.Payments.Where(p => p.PaidOn > invoice.DueOn && p.PaidOn.DayNumber <= stop))
        {
            interest += DailyInterest(owed, rate) * (payment.PaidOn.DayNumber - from);
            owed -= payment.Amount;
            from = payment.PaidOn.DayNumber;
        }

        if (owed > 0m) interest += DailyInterest(owed, rate) * (stop - from);
        return new LatePaymentClaim(invoice.Amount, daysLate, rate, decimal.Round(DailyInterest(invoice.Amount, rate), 2, MidpointRounding.AwayFromZero),
            decimal.Round(interest, 2, MidpointRounding.AwayFromZero), FixedCompensation(invoice.Amount));
    }
}
