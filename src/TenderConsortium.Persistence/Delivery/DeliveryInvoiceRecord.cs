namespace TenderConsortium.Persistence.Delivery;

/// <summary>
/// A row of <c>delivery_invoices</c>: a member's invoice to the lead (member id set) or the lead's to the buyer (fee
/// set). Days are day numbers (days since 1 January 0001), which sort and subtract the same on both databases.
/// </summary>
public sealed class DeliveryInvoiceRecord
{
    public required string ContractId { get; set; }

    public required string Id { get; set; }

    public int Period { get; set; }

    /// <summary>Null on the lead's invoice to the buyer.</summary>
    public string? MemberId { get; set; }

    /// <summary>A member invoice's computed amount, or the buyer invoice's members' total.</summary>
    public long ComputedMinor { get; set; }

    public long AmountMinor { get; set; }

    /// <summary>The management fee on the buyer's invoice; 0 on a member's.</summary>
    public long FeeMinor { get; set; }

    public string? AdjustmentReason { get; set; }

    public int ReceivedOn { get; set; }

    public int DueOn { get; set; }

    public int PaymentDays { get; set; }

    /// <summary>The day it was paid in full; null while anything is owed (for the portfolio's overdue query).</summary>
    public int? PaidOn { get; set; }
}
