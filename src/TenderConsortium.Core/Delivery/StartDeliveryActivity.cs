using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// "StartDelivery": the award starts delivery. After the sub-contracts are issued it fixes the contract's terms and
/// periods (<see cref="DeliveryContractPlanner"/>) and emails each member its own delivery link, where it sends its
/// returns and sees what it is owed. The contract row, the emails and this step commit together, so a crash anywhere
/// either leaves none of them or all; a second run finds the contract and adds nothing. The contract-delivery
/// workflow that watches payments is started straight after the commit by the door that recorded the outcome, and
/// by the node's delivery sweep if that door died first; its first step claims the contract, so it runs once.
/// </summary>
public sealed class StartDeliveryActivity : IActivity
{
    public const string TypeName = "StartDelivery";

    /// <summary>The bid's variable naming the contract and the settings its delivery workflow starts with.</summary>
    public const string Variable = "delivery";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Starts delivery of the won lots: plans the contract's periods from the notice, and emails each member its delivery link.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("periods", ValueKind.String, false, "How often members send returns and invoice: \"monthly\" or \"quarterly\".", JsonValue.Create("monthly")),
            new PropertyDescriptor("managementFee", ValueKind.Number, false, "The lead's fee on the buyer's invoice as a fraction, e.g. 0.05 for 5%.", JsonValue.Create(0.05m)),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var found = await context.Service<IMatchingSource>().RequireOpportunityAsync(context.Get<string>("opportunity", ValueKind.String));
        var length = context.Get<string>("periods", ValueKind.String).Trim().ToLowerInvariant() switch
        {
            "quarterly" => PeriodLength.Quarterly,
            _ => PeriodLength.Monthly,
        };
        var store = context.Service<IDeliveryStore>();
        var contract = await store.FindByOpportunityAsync(found.Id);
        var settings = context.TenderSettings();
        if (contract is null)
        {
            try
            {
                contract = await context.Service<DeliveryContractPlanner>().PlanAsync(found.Id, found.Opportunity, length,
                    context.Get<decimal>("managementFee", ValueKind.Number), null, context.Now, "the award");
            }
            catch (ProblemException ex)
            {
                // Not a fault of the bid: the lead starts delivery by hand, giving what the notice lacked.
                context.Journal(JournalKinds.Note, $"delivery not started: {ex.Items[0].Message}; start it with tender delivery start {found.Id}");
                return ActivityResult.Done;
            }

            if (!await store.TryAddAsync(contract)) contract = (await store.FindByOpportunityAsync(found.Id))!;
            else Announce(context, contract, settings);
        }

        context.SetVariable(Variable, new JsonObject
        {
            ["contractId"] = contract.Id,
            ["settings"] = new JsonObject
            {
                ["consortiumName"] = settings.ConsortiumName,
                ["leadName"] = settings.LeadName ?? settings.ConsortiumName,
                ["leadEmail"] = contract.LeadEmail ?? settings.LeadEmails.FirstOrDefault() ?? "",
            },
        });
        context.Journal(JournalKinds.Note, $"delivery started: {contract.Periods.Count} {(length == PeriodLength.Monthly ? "monthly" : "quarterly")} periods for {contract.Members.Count} members");
        return ActivityResult.Done;
    }

    /// <summary>Each member's delivery link, with what it delivers and when its returns and invoices are due.</summary>
    private static void Announce(ActivityContext context, DeliveryContract contract, TenderSettings settings)
    {
        var links = context.Service<DeliveryLinks>();
        var lead = EmailModels.Lead(settings);
        if (contract.LeadEmail is { Length: > 0 } leadEmail) lead["email"] = leadEmail;
        foreach (var member in contract.Members.Where(m => m.Email is { Length: > 0 }))
            context.Notify(DeliveryEmails.StartedMember, member.MemberId, [member.Email!],
                DeliveryEmails.StartedModel(contract, member, links.Member(contract.Id, member.MemberId), lead));
    }
}
