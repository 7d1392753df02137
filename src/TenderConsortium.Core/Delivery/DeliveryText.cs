using System.Globalization;

namespace TenderConsortium.Core.Delivery;

/// <summary>Money, days and rates as a lead or member reads them in emails, the CLI and reports: "£1,250.00", "31 May 2027", "11.75%".</summary>
public static class DeliveryText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal amount) => amount < 0 ? "-" + Common.Money.Text(-amount, "GBP") : Common.Money.Text(amount, "GBP");

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Invariant);

    public static string Percent(decimal percent) => percent.ToString("0.##", Invariant) + "%";

    public static string Quantity(decimal quantity) => quantity.ToString("#,##0.##", Invariant);

    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString("#,##0", Invariant)} days";

    /// <summary>"period 2 (1 May 2027 to 31 May 2027)".</summary>
    public static string Period(DeliveryPeriod period) => $"period {period.Number} ({Day(period.Start)} to {Day(period.End)})";

    public static string Unit(string unit, decimal quantity) => unit switch
    {
        "value" => "pounds of work",
        _ => quantity == 1m && unit.EndsWith('s') ? unit[..^1] : unit,
    };
}
