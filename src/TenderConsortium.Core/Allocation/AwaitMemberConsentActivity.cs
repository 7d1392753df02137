using System.Text.Json.Nodes;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// "AwaitMemberConsent": asks each allocated member to accept its share by the consent deadline (settings
/// <c>consentPeriod</c>). Declines, withdrawals and silence re-run the allocation without that member and tell the
/// lead about any new gap; the stage ends when every remaining allocated member has accepted.
/// </summary>
public sealed class AwaitMemberConsentActivity : IActivity
{
    public const string TypeName = "AwaitMemberConsent";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Waits for each allocated member to accept or decline its share; declines re-run the allocation.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the allocation.", JsonValue.Create("allocation"), AllowsReference: false),
        ],
        Waits = true,
        Bookmarks = _ => ConsentStage.Bookmarks(ConsentStage.Mode.Consent),
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunityId = await AllocationRun.OpportunityIdAsync(context);
        var current = await AllocationRun.CurrentAsync(context, opportunityId);
        context.ActivityState.Clear();
        context.CreateBookmark(AllocationSignals.Withdrawal, opportunityId);
        await ConsentStage.AskAsync(context, ConsentStage.Mode.Consent, current);
        return await FinishIfDoneAsync(context, current);
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var opportunityId = await AllocationRun.OpportunityIdAsync(context);
        var stored = await ConsentStage.HandleAsync(context, ConsentStage.Mode.Consent, input, opportunityId, context.Get<string>("output", ValueKind.String));
        return await FinishIfDoneAsync(context, stored);
    }

    private static async Task<ActivityResult> FinishIfDoneAsync(ActivityContext context, StoredAllocation stored)
    {
        if (stored.Consents.Any(c => c.Status == ConsentStatus.Pending)) return ActivityResult.Suspend;
        var accepted = stored with { Status = AllocationStatus.Accepted };
        await AllocationRun.SaveAsync(context, accepted, context.Get<string>("output", ValueKind.String));
        context.Journal(JournalKinds.Note, $"every allocated member accepted (round {stored.Round}); uncovered {stored.Result.Lots.Sum(l => l.Uncovered)}");
        return ActivityResult.Done;
    }
}
