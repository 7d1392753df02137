using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Core.Invitations;

/// <summary>
/// An opportunity's call for declarations: the workflow instance running it, the deadline members see, when it
/// really closes (deadline plus the lead's grace), the lot terms members declare against, and when it was closed.
/// </summary>
public sealed record DeclarationRound(
    string OpportunityId,
    Guid InstanceId,
    DateTimeOffset Deadline,
    DateTimeOffset ClosesAt,
    IReadOnlyList<LotTerms> Terms,
    DateTimeOffset? ClosedAt = null)
{
    public LotTerms? TermsOf(string lotId) => Terms.FirstOrDefault(t => t.LotId == lotId);
}
