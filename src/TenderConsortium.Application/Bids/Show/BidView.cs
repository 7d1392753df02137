using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Bids;

namespace TenderConsortium.Application.Bids.Show;

/// <summary>
/// An opportunity's bid as every door shows it (`tender bid show`, GET /api/opportunities/{id}/bid, the lead's
/// pages): where it stands, each step's status, the deadlines, the counts, the documents and what the lead does next.
/// </summary>
/// <param name="Stage">The title of the first step not yet done ("Adviser review"); "Not started", "Finished", "Needs attention" or "Cancelled" otherwise.</param>
/// <param name="NextAction">What the lead does now, in a sentence; never empty.</param>
/// <param name="Problem">Why the bid stopped, when a step failed.</param>
/// <param name="FailedChecks">The failed automatic checks of the newest pack: each needs a fix, or a reason when the lead records the submission.</param>
/// <param name="AdviserAccepted">The failed checks the adviser approved the pack with, each with the adviser's reason.</param>
public sealed record BidView(
    string OpportunityId,
    string Title,
    string Buyer,
    bool Started,
    string? BidId,
    int? Version,
    string? Workflow,
    Guid? InstanceId,
    BidStatus? Status,
    string Stage,
    string NextAction,
    string? Problem,
    DateTimeOffset? TenderDeadline,
    DateTimeOffset? DeclarationDeadline,
    DateTimeOffset? StartedAt,
    string? StartedBy,
    BidCounts Counts,
    IReadOnlyList<BidStepView> Steps,
    IReadOnlyList<string> Documents,
    BidSubmission? Submission,
    IReadOnlyList<LotOutcome> Outcomes,
    IReadOnlyList<BidSubcontract> Subcontracts,
    IReadOnlyList<BidPackCheck> FailedChecks,
    IReadOnlyList<AcceptedCheck> AdviserAccepted);
