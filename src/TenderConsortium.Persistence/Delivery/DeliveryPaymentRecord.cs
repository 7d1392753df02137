namespace TenderConsortium.Persistence.Delivery;

/// <summary>
/// A row of <c>delivery_payments</c>. The key includes the reference (upper case), so the same payment recorded twice
/// by two doors at once is refused by the database too, not only by the aggregate.
/// </summary>
public sealed class DeliveryPaymentRecord
{
    public required string ContractId { get; set; }

    public required string InvoiceId { get; set; }

    public required string ReferenceKey { get; set; }

    public required string Reference { get; set; }

    public int PaidOn { get; set; }

    public long AmountMinor { get; set; }

    public long RecordedAt { get; set; }

    public required string RecordedBy { get; set; }
}
