namespace TenderConsortium.Core.Delivery;

/// <summary>How often members report and invoice over the contract: each calendar month, or each three months.</summary>
public enum PeriodLength
{
    Monthly,
    Quarterly,
}
