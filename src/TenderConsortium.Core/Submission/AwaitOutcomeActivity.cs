using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Bids;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Submission;

/// <summary>
/// "AwaitOutcome": waits for the lead to record the buyer's decision per lot, tells every member in the bid what was
/// won and its part in it, and leaves by "awarded" (any lot won; sub-contracts follow) or "lost".
/// </summary>
public sealed class AwaitOutcomeActivity : IActivity
{
    public const string TypeName = "AwaitOutcome";
    public const string Awarded = "awarded";
    public const string Lost = "lost";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Waits for the lead to record which lots were won; tells all members; leaves by 'awarded' or 'lost'.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the outcome.", JsonValue.Create("outcome"), AllowsReference: false),
        ],
        Outcomes = [Awarded, Lost],
        Waits = true,
        Bookmarks = _ =>
        [
            new BookmarkDeclaration(SubmissionSignals.Outcome, null, new PayloadSchema([new PayloadField("awardedLots", "array", true, null)])),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        context.CreateBookmark(SubmissionSignals.Outcome, (string)opportunity["id"]!);
        return ActivityResult.Suspend;
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        // Read once: the email model and the lots the outcome must name come from the same notice.
        var found = await context.Service<IMatchingSource>().RequireOpportunityAsync(context.Get<string>("opportunity", ValueKind.String));
        var opportunity = EmailModels.Opportunity(found.Id, found.Opportunity, context.Service<PublicLinks>());
        var opportunityId = found.Id;
        var awarded = (input.Payload?["awardedLots"] as JsonArray ?? []).Select(n => n?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        var opportunityLots = found.Opportunity.Lots.Select(l => l.Id).ToList();
        await BidUpdates.ApplyAsync(context, opportunityId, bid => bid.RecordOutcome(awarded, opportunityLots, context.Now, input.Actor ?? "the lead"));
        var settings = context.TenderSettings();
        foreach (var (member, shares, link) in await BidMembers.LoadAsync(context, opportunityId))
        {
            var lots = shares.Select(s => EmailModels.Model(
                ("title", $"Lot {s.Lot.LotId}: {s.Lot.Title}"),
                ("won", awarded.Contains(s.Lot.LotId)),
                ("yourShare", awarded.Contains(s.Lot.LotId) ? BidMembers.ShareText(s.Lot, s.Share) : null))).ToList();
            context.Notify("outcome.member", member.MemberId, [member.Email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.ContactName)),
                ("opportunity", opportunity),
                ("anyWon", lots.Any(l => (bool)l["won"]!)),
                ("lots", lots),
                ("link", link),
                ("lead", EmailModels.Lead(settings))));
        }

        context.SetVariable(context.Get<string>("output", ValueKind.String), new JsonObject
        {
            ["awardedLots"] = new JsonArray(awarded.Order(StringComparer.Ordinal).Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["recordedAt"] = context.Now.ToString("O"),
            ["by"] = input.Actor,
        });
        context.Journal(JournalKinds.Note, awarded.Count == 0 ? "outcome: no lot won" : $"outcome: won {Wording.Lots(awarded)}");
        return ActivityResult.Complete(awarded.Count > 0 ? Awarded : Lost);
    }
}
