using System.Text.Json.Nodes;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// "WatchWithdrawals": for a parallel branch after member consent. Until the instance ends, a member's withdrawal
/// re-runs the allocation for what it leaves, tells the lead about any new gap and asks members whose share grew to
/// accept it. It never completes by itself; the flow's End stops it. It uses its own bookmarks
/// (withdrawal key "&lt;opportunity&gt;:later", "reconsent"), so it may wait beside a consent stage of a bid that loops back.
/// </summary>
public sealed class WatchWithdrawalsActivity : IActivity
{
    public const string TypeName = "WatchWithdrawals";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Re-runs allocation whenever a member withdraws later in the bid; asks members whose share grew to accept it.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the allocation.", JsonValue.Create("allocation"), AllowsReference: false),
        ],
        Waits = true,
        Bookmarks = _ => ConsentStage.Bookmarks(ConsentStage.Mode.Later),
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.ActivityState.Clear();
        context.CreateBookmark(AllocationSignals.Withdrawal, await AllocationRun.OpportunityIdAsync(context) + AllocationSignals.LaterSuffix);
        return ActivityResult.Suspend;
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var opportunityId = await AllocationRun.OpportunityIdAsync(context);
        var stored = await ConsentStage.HandleAsync(context, ConsentStage.Mode.Later, input, opportunityId, context.Get<string>("output", ValueKind.String));
        if (stored.Status != AllocationStatus.Accepted && stored.Consents.All(c => c.Status != ConsentStatus.Pending))
            await AllocationRun.SaveAsync(context, stored with { Status = AllocationStatus.Accepted }, context.Get<string>("output", ValueKind.String));
        return ActivityResult.Suspend;
    }
}
