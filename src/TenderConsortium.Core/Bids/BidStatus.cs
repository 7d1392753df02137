namespace TenderConsortium.Core.Bids;

/// <summary>Where a bid stands in the buyer's eyes; the steps before submission are read from the bid's progress.</summary>
public enum BidStatus
{
    /// <summary>Being prepared: partners, declarations, shares, the pack, the review.</summary>
    InPreparation,

    /// <summary>Sent to the buyer; waiting for the decision.</summary>
    Submitted,

    /// <summary>At least one lot was awarded.</summary>
    Won,

    /// <summary>No lot was awarded.</summary>
    Lost,
}
