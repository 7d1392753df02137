using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Documents.Activities;

/// <summary>
/// The runtime activity "IssueSubcontracts": after the outcome, writes one sub-contract per member with volume in the
/// awarded lots to subcontracts/&lt;member&gt;.docx and lists them in a variable and emails each member its own, attached. Running
/// again writes the same bytes, so a re-run after a crash is harmless.
/// </summary>
public sealed class IssueSubcontractsActivity : IActivity
{
    public const string TypeName = "IssueSubcontracts";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Issues one sub-contract (.docx) per member allocated volume in the awarded lots, each with the 30-day payment term flowed down.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("awardedLots", ValueKind.StringList, false, "Ids of the lots awarded to the consortium, e.g. \"=variables.outcome.awardedLots\"; all lots when left out."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable path for the result.", JsonValue.Create("subcontracts"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = context.Get<string>("opportunity", ValueKind.String);
        var awarded = context.GetOptional<List<string>>("awardedLots", ValueKind.StringList);
        var output = context.Get<string>("output", ValueKind.String);
        var services = context.Services.GetRequiredService<BidPackServices>();
        var input = await BidPackInputs.LoadAsync(context, opportunity);
        var unknown = awarded?.Where(id => input.Opportunity.Lots.All(l => l.Id != id)).ToList() ?? [];
        if (unknown.Count > 0)
            throw new InvalidOperationException($"{TypeName}: awardedLots names lots the opportunity does not have: {string.Join(", ", unknown)}.");
        var subcontracts = services.Assembler.Subcontracts(input with { AwardedLotIds = awarded });
        var paths = services.Documents.WriteSubcontracts(input.OpportunityId, subcontracts);
        context.SetVariable(output, new JsonArray(subcontracts.Select((s, i) => (JsonNode)new JsonObject
        {
            ["memberId"] = s.MemberId,
            ["member"] = s.MemberName,
            ["file"] = paths[i],
        }).ToArray()));
        await BidUpdates.ApplyAsync(context, input.OpportunityId, bid =>
        {
            foreach (var (subcontract, i) in subcontracts.Select((s, i) => (s, i)))
            {
                var shares = input.Allocation.Lots.Where(l => awarded is null || awarded.Contains(l.LotId))
                    .SelectMany(l => l.Shares.Where(s => s.MemberId == subcontract.MemberId && s.Volume > 0).Select(s => (l.LotId, s.Value))).ToList();
                bid.RecordSubcontract(new BidSubcontract(subcontract.MemberId, subcontract.MemberName, shares.Select(s => s.LotId).Distinct().ToList(), shares.Sum(s => s.Value),
                    Path.GetFileName(paths[i]), input.Profile.PaymentDays, context.Now));
            }
        });
        await SubcontractEmails.SendAsync(context, input.OpportunityId, subcontracts.Select((s, i) => (s.MemberId, paths[i])).ToList(), awarded);
        context.Journal(JournalKinds.Note, $"{subcontracts.Count} sub-contracts issued for lots {(awarded is null ? "all" : string.Join(", ", awarded))}");
        return ActivityResult.Done;
    }
}
