using TenderConsortium.Core.BidPacks;

namespace TenderConsortium.Core.Bids;

/// <summary>The lead's record that the bid went to the buyer: the portal's reference, when, and who recorded it.</summary>
public sealed record BidSubmission(string? Reference, DateTimeOffset At, string By)
{
    /// <summary>The checks of the submitted pack that failed, each with the lead's reason for submitting all the same.</summary>
    public IReadOnlyList<AcceptedCheck> AcceptedChecks { get; init; } = [];
}
