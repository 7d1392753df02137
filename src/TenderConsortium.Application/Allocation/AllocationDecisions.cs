using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;

namespace TenderConsortium.Application.Allocation;

/// <summary>The lead's decisions on proposed shares (set, re-run) are taken only while the bid waits for its approval.</summary>
internal static class AllocationDecisions
{
    /// <param name="doing">What the lead tried, to finish "you can only … while", e.g. "set shares".</param>
    public static async Task RequireWaitingAsync(BidSignals signals, string opportunityId, StoredAllocation current, string doing, CancellationToken cancellationToken)
    {
        if (await signals.IsWaitingAsync(opportunityId, AllocationSignals.Approval, opportunityId, cancellationToken)) return;
        var state = current.Status switch
        {
            AllocationStatus.Proposed => "the bid is not waiting for your approval now",
            _ => $"round {current.Round} was already {current.Status.ToString().ToLowerInvariant()}",
        };
        throw new ProblemException("allocation", ProblemCode.Conflict,
            $"You can only {doing} while the shares wait for your approval; {state}. If a member has withdrawn, record the withdrawal instead");
    }
}
