namespace TenderConsortium.Core.Delivery;

/// <summary>
/// One month of a member's ledger in one unit. <see cref="Declared"/> is the most it said it could deliver that
/// month in any one bid; <see cref="Exposure"/> is what it would deliver if every pending bid were won on top of
/// its contracts. More exposure than declared capacity is an over-commitment.
/// </summary>
public sealed record CapacityMonth(DateOnly Month, string Unit, decimal Declared, decimal Allocated, decimal Contracted, IReadOnlyList<string> Bids)
{
    public decimal Exposure => Allocated + Contracted;

    /// <summary>
    /// Only a month with something pending can be over-committed: a contract alone was declared for in its own bid,
    /// whose declaration no longer counts once it is won, and no approval can change it.
    /// </summary>
    public bool OverCommitted => Allocated > 0m && Exposure > Declared + 0.005m;
}
