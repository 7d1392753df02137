namespace TenderConsortium.Persistence.Bids;

/// <summary>A row of <c>bid_lot_outcomes</c>: the buyer's decision on one lot.</summary>
public sealed class BidLotOutcomeRecord
{
    public required string BidId { get; set; }

    public required string LotId { get; set; }

    public bool Awarded { get; set; }

    public long RecordedAt { get; set; }

    public required string RecordedBy { get; set; }
}
