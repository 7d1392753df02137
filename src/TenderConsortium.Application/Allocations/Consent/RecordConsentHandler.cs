using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Application.Allocations.Consent;

/// <summary>
/// Records a member's acceptance or refusal of its share. Refuses with typed problems, in the words a member reads:
/// no share to answer, already answered, a refusal without a reason, or a bid that has moved past consent.
/// </summary>
public sealed class RecordConsentHandler(DeclarationService links, IMatchingSource opportunities, IAllocationStore allocations, AllocationService service)
{
    public const string ReasonPath = "reason";
    public const string DecisionPath = "decision";

    public async Task<StoredAllocation> HandleAsync(RecordConsent command, CancellationToken cancellationToken = default)
    {
        var (opportunityId, memberId, actor) = await AnsweringMember.FindAsync(links, opportunities, command.Token, command.Opportunity, command.MemberId, command.Actor,
            "Name the opportunity and the member whose answer this is", cancellationToken);
        var current = await allocations.CurrentAsync(opportunityId, cancellationToken);
        var consent = current is null || current.Status == AllocationStatus.Proposed ? null : current.Consents.FirstOrDefault(c => c.MemberId == memberId);
        if (consent is null)
            throw new ProblemException(DecisionPath, ProblemCode.Invalid, "There is no share to answer for you in this bid at the moment");
        if (consent.Status != ConsentStatus.Pending)
            throw new ProblemException(DecisionPath, ProblemCode.Conflict, consent.Status switch
            {
                ConsentStatus.Accepted => "You have already accepted this share",
                ConsentStatus.Declined => "You have already declined this share",
                _ => "You have already withdrawn from this bid",
            });
        if (!command.Accept && string.IsNullOrWhiteSpace(command.Reason))
            throw new ProblemException(ReasonPath, ProblemCode.Invalid, "Tell the lead why you cannot take this share, so it can plan the work without you");
        if (command.Reason?.Trim().Length > DeclarationReader.MaxText)
            throw new ProblemException(ReasonPath, ProblemCode.Invalid, $"Enter a reason of at most {DeclarationReader.MaxText:N0} characters");
        try
        {
            return await service.ConsentAsync(opportunityId, memberId, command.Accept, command.Reason, actor, cancellationToken);
        }
        catch (BadInputException ex) when (ex is not ProblemException { Code: not ProblemCode.Conflict })
        {
            // The checks above passed, so what is left is the bid itself: it no longer waits for this answer.
            throw new ProblemException(DecisionPath, ProblemCode.Conflict,
                "The bid has moved on and no longer takes answers to this share. Contact the consortium lead");
        }
    }
}
