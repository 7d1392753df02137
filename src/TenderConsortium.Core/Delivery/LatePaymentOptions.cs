namespace TenderConsortium.Core.Delivery;

/// <summary>
/// The setting behind statutory late-payment interest (configuration section <c>Delivery:LatePayment</c>). The Late
/// Payment of Commercial Debts (Interest) Act 1998 charges 8% a year over the "reference rate": the Bank of England
/// base rate in force on 31 December (for debts falling due January to June) or 30 June (July to December). The
/// lead sets it here when it changes; the engine does not guess it.
/// </summary>
public sealed class LatePaymentOptions
{
    public const string Section = "Delivery:LatePayment";

    /// <summary>The reference rate, percent a year (3.75 means 3.75%).</summary>
    public decimal BaseRatePercent { get; set; } = 3.75m;

    /// <summary>Days before an unpaid member invoice's due date on which the lead is reminded.</summary>
    public int[] ReminderDaysBefore { get; set; } = [7, 1];
}
