using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Reviews;

/// <summary>
/// "AwaitAdviserReview": opens a review round for the latest bid pack, tells the adviser and the lead it is ready, and
/// waits for the adviser's decision: "approved" moves on, "changesRequested" goes back (the definition decides where).
/// Past the review deadline (settings <c>reviewPeriod</c>) the lead is told and the review keeps waiting.
/// </summary>
public sealed class AwaitAdviserReviewActivity : IActivity
{
    public const string TypeName = "AwaitAdviserReview";
    public const string Approved = "approved";
    public const string ChangesRequested = "changesRequested";
    private const string DueTag = "review-due";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Sends the bid pack to the P4P adviser and waits for approval or a request for changes.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("bidPack", ValueKind.String, false, "Variable holding AssembleBidPack's output.", JsonValue.Create("bidPack"), AllowsReference: false),
        ],
        Outcomes = [Approved, ChangesRequested],
        Waits = true,
        Bookmarks = _ =>
        [
            new BookmarkDeclaration(ReviewSignals.Decision, null, new PayloadSchema(
            [
                new PayloadField("decision", "string", true, ["approve", "changes"]),
                new PayloadField("summary", "string", false, null),
                new PayloadField("acceptedChecks", "array", false, null),
            ])),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        var opportunityId = (string)opportunity["id"]!;
        var store = context.Service<IReviewStore>();
        var pack = context.GetVariable(context.Get<string>("bidPack", ValueKind.String)) as JsonObject;
        var version = pack?["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        var settings = context.TenderSettings();
        var due = context.Now + settings.ReviewPeriod;
        var round = ((await store.CurrentAsync(opportunityId))?.Round ?? 0) + 1;
        await store.SaveAsync(new Review(opportunityId, round, version, ReviewDecision.Pending, [], context.Now, due));
        context.CreateBookmark(ReviewSignals.Decision, opportunityId);
        context.CreateTimer(due, DueTag);

        var documents = new List<Dictionary<string, object?>>();
        foreach (var key in new[] { "bidPack", "pricing", "checks" })
        {
            if (pack?[key] is JsonValue file && file.TryGetValue<string>(out var path)) documents.Add(EmailModels.Model(("name", Path.GetFileName(path))));
        }

        // AssembleBidPack names the earlier version this one is the same as, when it changes nothing in the pack.
        var unchanged = pack?["changesNothingSince"] is JsonValue same && same.TryGetValue<int>(out var since)
            ? $"Version {version} changes nothing in the bid pack since version {since}: every section reads the same."
            : null;
        var links = context.Service<PublicLinks>();
        context.Notify("bidpack-ready.adviser", $"r{round}", settings.AdviserEmails, EmailModels.Model(
            ("adviser", EmailModels.Model(("name", "P4P adviser"))), ("opportunity", opportunity), ("documents", documents),
            ("reviewDeadline", due), ("unchanged", unchanged), ("link", links.Review(opportunityId))));
        context.Notify("bidpack-ready.lead", $"r{round}", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity), ("documents", documents), ("reviewDeadline", due), ("unchanged", unchanged), ("link", links.Opportunity(opportunityId))));
        context.Journal(JournalKinds.Note, $"review round {round} of bid pack v{version} opened; due {JournalTime.Of(due)}" + (unchanged is null ? "" : $". {unchanged}"));
        return ActivityResult.Suspend;
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        var opportunityId = (string)opportunity["id"]!;
        var store = context.Service<IReviewStore>();
        var review = await store.CurrentAsync(opportunityId)
                     ?? throw new InvalidOperationException($"no review open for {opportunityId}");
        var settings = context.TenderSettings();
        var link = context.Service<PublicLinks>().Opportunity(opportunityId);
        if (input.Kind == ResumeKind.Timer)
        {
            if (review.Decision == ReviewDecision.Pending)
                context.Notify("review-overdue.lead", $"r{review.Round}", settings.LeadEmails, EmailModels.Model(
                    ("opportunity", opportunity), ("reviewDeadline", review.DueAt), ("link", link)));
            return ActivityResult.Suspend;
        }

        var approve = input.Payload?["decision"]?.GetValue<string>() == "approve";
        var summary = input.Payload?["summary"]?.GetValue<string>();
        var adviser = input.Actor ?? "adviser";
        // The pack's failed checks the adviser approved it with, each with a reason (the use case refused it without).
        var accepted = approve ? input.Payload?["acceptedChecks"]?.Deserialize<List<AcceptedCheck>>(DomainJson.Options) ?? [] : [];
        var decided = review with
        {
            Decision = approve ? ReviewDecision.Approved : ReviewDecision.ChangesRequested,
            DecidedBy = adviser,
            DecidedAt = context.Now,
            Summary = summary,
            AcceptedChecks = accepted,
        };
        await store.SaveAsync(decided);
        var comments = decided.Comments.Select(c => EmailModels.Model(("text", $"{c.Section}: {c.Text}"))).ToList();
        if (!string.IsNullOrWhiteSpace(summary)) comments.Insert(0, EmailModels.Model(("text", summary)));
        comments.AddRange(accepted.Select(a => EmailModels.Model(("text", $"Accepted although the check failed: {a.Title}. Why: {a.Reason}"))));
        context.Notify(approve ? "review-approved.lead" : "changes-requested.lead", $"r{review.Round}", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity), ("adviser", EmailModels.Model(("name", adviser))), ("comments", comments), ("link", link)));
        context.Journal(JournalKinds.Note, $"review round {review.Round}: {(approve ? "approved" : "changes requested")} by {adviser}" +
                                           (string.IsNullOrWhiteSpace(summary) ? "" : $": {summary}") +
                                           (accepted.Count == 0 ? "" : $"; failed checks accepted: {string.Join("; ", accepted.Select(a => $"{a.Title} ({a.Reason})"))}"));
        return ActivityResult.Complete(approve ? Approved : ChangesRequested);
    }
}
