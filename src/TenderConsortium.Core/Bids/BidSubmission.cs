namespace TenderConsortium.Core.Bids;

/// <summary>The lead's record that the bid went to the buyer: the portal's reference, when, and who recorded it.</summary>
public sealed record BidSubmission(string? Reference, DateTimeOffset At, string By);
