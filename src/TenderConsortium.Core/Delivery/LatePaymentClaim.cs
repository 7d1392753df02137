namespace TenderConsortium.Core.Delivery;

/// <summary>
/// What may be claimed on a late invoice, as the claim letter would set it out: the debt, the days late, the annual
/// rate (8% + the reference rate), the interest per day on the debt, the interest and the fixed compensation.
/// </summary>
public sealed record LatePaymentClaim(decimal Debt, int DaysLate, decimal AnnualRatePercent, decimal DailyInterest, decimal Interest, decimal FixedCompensation)
{
    public static LatePaymentClaim None(decimal debt, decimal annualRatePercent) => new(debt, 0, annualRatePercent, 0m, 0m, 0m);

    public decimal Total => Interest + FixedCompensation;

    public bool Any => DaysLate > 0;
}
