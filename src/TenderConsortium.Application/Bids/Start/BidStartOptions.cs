namespace TenderConsortium.Application.Bids.Start;

/// <summary>What a bid's start requires of its dates.</summary>
public sealed class BidStartOptions
{
    /// <summary>
    /// Whole days the members' declaration deadline must leave before the tender deadline: the shares, the bid pack,
    /// the adviser's review and the submission all happen in between. Default 5.
    /// </summary>
    public int MinimumDaysBeforeTenderDeadline { get; init; } = 5;
}
