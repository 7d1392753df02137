namespace TenderConsortium.Persistence.Bids;

/// <summary>A row of <c>bid_subcontracts</c>: one member's sub-contract; the value in minor units (pence).</summary>
public sealed class BidSubcontractRecord
{
    public required string BidId { get; set; }

    public required string MemberId { get; set; }

    public required string MemberName { get; set; }

    /// <summary>The awarded lots it covers, comma-separated in lot order.</summary>
    public required string LotIds { get; set; }

    public long ValueMinor { get; set; }

    public string? Document { get; set; }

    public int PaymentDays { get; set; }

    public long IssuedAt { get; set; }
}
