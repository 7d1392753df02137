using TenderConsortium.Core.BidPacks;

namespace TenderConsortium.Core.Reviews;

/// <summary>
/// One review round of an opportunity's bid pack: which pack version the adviser looks at, the comments so far and
/// the decision. "Changes requested" sends the bid back; the next pack version gets the next round. An approval
/// records the pack's failed checks it accepted, each with the adviser's reason.
/// </summary>
public sealed record Review(
    string OpportunityId,
    int Round,
    int BidPackVersion,
    ReviewDecision Decision,
    IReadOnlyList<ReviewComment> Comments,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DueAt = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Summary = null,
    IReadOnlyList<AcceptedCheck>? AcceptedChecks = null);
