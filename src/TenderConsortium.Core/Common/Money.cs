namespace TenderConsortium.Core.Common;

/// <summary>An amount in a currency (ISO 4217). Amounts are decimals: a 7,500,000.00 notice must not become 7499999.99.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public override string ToString() => $"{Amount:#,##0.##} {Currency}";
}
