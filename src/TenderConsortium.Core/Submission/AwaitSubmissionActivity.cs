using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Submission;

/// <summary>
/// "AwaitSubmission": waits for the lead to record that the bid went to the buyer, warning the lead before the tender
/// deadline (settings <c>submissionWarning</c>); then every member in the bid is told.
/// </summary>
public sealed class AwaitSubmissionActivity : IActivity
{
    public const string TypeName = "AwaitSubmission";
    private const string WarningTag = "deadline-warning";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Waits for the lead to record the submission; warns before the tender deadline; tells all members.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the submission record.", JsonValue.Create("submission"), AllowsReference: false),
        ],
        Waits = true,
        Bookmarks = _ =>
        [
            new BookmarkDeclaration(SubmissionSignals.Submitted, null, new PayloadSchema([new PayloadField("reference", "string", false, null), new PayloadField("acceptedChecks", "array", false, null)])),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        context.CreateBookmark(SubmissionSignals.Submitted, (string)opportunity["id"]!);
        if (opportunity["deadline"] is DateTimeOffset deadline && deadline - context.TenderSettings().SubmissionWarning > context.Now)
            context.CreateTimer(deadline - context.TenderSettings().SubmissionWarning, WarningTag);
        return ActivityResult.Suspend;
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        var opportunityId = (string)opportunity["id"]!;
        var settings = context.TenderSettings();
        if (input.Kind == ResumeKind.Timer)
        {
            context.Notify("deadline-warning.lead", "", settings.LeadEmails, EmailModels.Model(("opportunity", opportunity), ("link", opportunity["link"])));
            return ActivityResult.Suspend;
        }

        var reference = input.Payload?["reference"]?.GetValue<string>();
        // The failed checks the lead accepted, each with its reason (the use case refused the submission without them).
        var accepted = input.Payload?["acceptedChecks"]?.Deserialize<List<AcceptedCheck>>(DomainJson.Options) ?? [];
        await BidUpdates.ApplyAsync(context, opportunityId, bid => bid.RecordSubmission(reference, context.Now, input.Actor ?? "the lead", accepted));
        foreach (var (member, shares, link) in await BidMembers.LoadAsync(context, opportunityId))
        {
            context.Notify("submitted.member", member.MemberId, [member.Email], EmailModels.Model(
                ("member", EmailModels.Member(member.Name, member.ContactName)),
                ("opportunity", opportunity),
                ("submittedAt", context.Now),
                ("shares", shares.Select(s => EmailModels.Model(("lot", $"Lot {s.Lot.LotId}: {s.Lot.Title}"), ("share", BidMembers.ShareText(s.Lot, s.Share)))).ToList()),
                ("outcomeExpected", null),
                ("link", link)));
        }

        context.SetVariable(context.Get<string>("output", ValueKind.String), new JsonObject
        {
            ["submittedAt"] = context.Now.ToString("O"),
            ["by"] = input.Actor,
            ["reference"] = reference,
            ["acceptedChecks"] = input.Payload?["acceptedChecks"]?.DeepClone(),
        });
        context.Journal(JournalKinds.Note, $"bid submitted, recorded by {input.Actor ?? "the lead"}" + (reference is null ? "" : $" (reference {reference})")
                                           + (accepted.Count == 0 ? "" : $"; failed checks accepted: {string.Join("; ", accepted.Select(a => $"{a.Title} ({a.Reason})"))}"));
        return ActivityResult.Done;
    }
}
