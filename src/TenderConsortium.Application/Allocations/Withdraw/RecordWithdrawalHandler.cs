using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Application.Allocations.Withdraw;

/// <summary>
/// Records a withdrawal after a member accepted its share (the allocation re-runs for what it leaves). Refuses with
/// typed problems: no reason, no share held, or a bid that does not take withdrawals now (before the lead's approval
/// or after the outcome).
/// </summary>
public sealed class RecordWithdrawalHandler(DeclarationService links, IMatchingSource opportunities, IAllocationStore allocations, AllocationService service)
{
    public const string ReasonPath = "reason";

    public async Task<StoredAllocation> HandleAsync(RecordWithdrawal command, CancellationToken cancellationToken = default)
    {
        var (opportunityId, memberId, actor) = await AnsweringMember.FindAsync(links, opportunities, command.Token, command.Opportunity, command.MemberId, command.Actor,
            "Name the opportunity and the member that withdraws", cancellationToken);
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new ProblemException(ReasonPath, ProblemCode.Invalid, "Tell the lead why you are withdrawing, so it can plan around it");
        if (command.Reason.Trim().Length > DeclarationReader.MaxText)
            throw new ProblemException(ReasonPath, ProblemCode.Invalid, $"Enter a reason of at most {DeclarationReader.MaxText:N0} characters");
        var current = await allocations.CurrentAsync(opportunityId, cancellationToken);
        if (current is null || !current.Result.Lots.Any(l => l.Shares.Any(s => s.MemberId == memberId && s.Volume > 0)))
            throw new ProblemException("member", ProblemCode.Invalid, "There is no share of this bid to withdraw from");
        if (!await service.TakesWithdrawalsAsync(opportunityId, cancellationToken))
            throw new ProblemException(ReasonPath, ProblemCode.Conflict,
                "This bid does not take withdrawals at this stage. Contact the consortium lead");
        return await service.WithdrawAsync(opportunityId, memberId, command.Reason, actor, cancellationToken);
    }
}
