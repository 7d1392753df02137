namespace TenderConsortium.Core.Common;

/// <summary>An amount in a currency (ISO 4217). Amounts are decimals: a 7,500,000.00 notice must not become 7499999.99.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public override string ToString() => $"{Amount:#,##0.##} {Currency}";

    /// <summary>How a person writes the amount: "£341,550.00" for pounds (and €/$ for euros and dollars), else "1,234.00 NOK".</summary>
    public static string Text(decimal amount, string currency)
    {
        var digits = amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
        return currency.ToUpperInvariant() switch
        {
            "GBP" => "£" + digits,
            "EUR" => "€" + digits,
            "USD" => "$" + digits,
            var other => $"{digits} {other}",
        };
    }
}
