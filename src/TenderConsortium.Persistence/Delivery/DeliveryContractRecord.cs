namespace TenderConsortium.Persistence.Delivery;

/// <summary>
/// A row of <c>delivery_contracts</c>: one per won bid (unique). The terms (periods and members' lines and
/// commitments) are fixed at the award and kept as JSON; money in pence, times as UTC ticks.
/// </summary>
public sealed class DeliveryContractRecord
{
    public required string Id { get; set; }

    public required string BidId { get; set; }

    public required string OpportunityId { get; set; }

    public required string ConsortiumId { get; set; }

    public required string Title { get; set; }

    public required string Buyer { get; set; }

    public string? LeadEmail { get; set; }

    public required string PeriodLength { get; set; }

    /// <summary>Periods and members as <see cref="DeliveryTerms"/> JSON.</summary>
    public required string Terms { get; set; }

    /// <summary>The management fee in basis points (500 for 5%).</summary>
    public int ManagementFeeBasisPoints { get; set; }

    public int PaymentDays { get; set; }

    public long StartedAt { get; set; }

    public required string StartedBy { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>Incremented by every save; a save that finds another value lost a race and is refused.</summary>
    public long Concurrency { get; set; }

    public List<DeliveryReturnRecord> Returns { get; set; } = [];

    public List<DeliveryInvoiceRecord> Invoices { get; set; } = [];

    public List<DeliveryPaymentRecord> Payments { get; set; } = [];
}
