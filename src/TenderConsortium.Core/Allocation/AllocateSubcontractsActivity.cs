using System.Text.Json.Nodes;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Allocation;

/// <summary>
/// "AllocateSubcontracts": splits each lot among the members who declared, exactly, by the consortium's rules (the
/// definition's <c>allocation</c> settings), stores it as a proposed round and sends the lead the coverage report.
/// Uncovered demand is a gap reported to the lead, never a failure.
/// </summary>
public sealed class AllocateSubcontractsActivity : IActivity
{
    public const string TypeName = "AllocateSubcontracts";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Allocates each lot among the declaring members (exact, fair, explained) and reports coverage and gaps to the lead.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the allocation.", JsonValue.Create("allocation"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunityId = await AllocationRun.OpportunityIdAsync(context);
        var output = context.Get<string>("output", ValueKind.String);
        // Run again after a revision, members who withdrew or declined stay out, as they told us; the lead's share
        // overrides are dropped since the lead re-decides on the new proposal. The round variable marks that this
        // instance, not another bid on the same opportunity, made the stored allocation.
        var previous = context.GetVariable(AllocationRun.RoundVariable) is null
            ? null
            : await context.Service<IAllocationStore>().CurrentAsync(opportunityId);
        var result = await AllocationRun.SolveAsync(context, opportunityId, [], previous?.Result.WithdrawnMemberIds ?? []);
        var consents = AllocationRun.AllocatedMembers(result).Select(m => new MemberConsent(m, ConsentStatus.Pending)).ToList();
        var stored = await AllocationRun.SaveNewRoundAsync(context, opportunityId, result, AllocationStatus.Proposed, consents, output);
        await AllocationRun.ReportToLeadAsync(context, stored, $"r{stored.Round}");
        context.Journal(JournalKinds.Note, $"allocation round {stored.Round}: " + string.Join("; ", result.Lots.Select(l =>
            $"lot {l.LotId} {AllocationRun.N(l.Covered)}/{AllocationRun.N(l.Demand)} {l.Unit} among {Wording.Count(l.Shares.Count(s => s.Volume > 0), "member")}" + (l.Uncovered > 0 ? $", gap {AllocationRun.N(l.Uncovered)}" : ""))));
        return ActivityResult.Done;
    }
}
