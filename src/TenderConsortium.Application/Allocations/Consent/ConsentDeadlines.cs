using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Workflows;

namespace TenderConsortium.Application.Allocations.Consent;

/// <summary>
/// When a member's answer to its share is due: the consent stage's deadline timer set when the member was asked (its
/// consent bookmark was made at the same moment). Null when the member is not being asked now.
/// </summary>
public sealed class ConsentDeadlines(BidLocator bids, WorkflowQueries instances)
{
    /// <summary>The tag <c>AwaitMemberConsent</c> gives its deadline timers.</summary>
    private const string TimerTag = "consent-deadline";

    public async Task<DateTimeOffset?> DueAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default)
    {
        if (await bids.FindAsync(opportunityId, cancellationToken) is not { InstanceId: { } instanceId }) return null;
        var instance = await instances.GetInstanceAsync(instanceId, cancellationToken);
        var asked = instance?.Bookmarks
            .Where(b => b.Key == memberId && b.Name is AllocationSignals.Consent or AllocationSignals.Reconsent)
            .Select(b => (DateTimeOffset?)b.CreatedAt).Max();
        if (instance is null || asked is null) return null;
        return instance.Timers
            .Where(t => t.Tag == TimerTag && t.DueAt >= asked.Value && t.Status == TenderConsortium.Workflows.Persistence.TimerStatus.Pending)
            .Select(t => (DateTimeOffset?)t.DueAt).Min();
    }
}
